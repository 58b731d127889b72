import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appReady, host, served, watchConsole } from './helpers';
import { SITES } from './hosts';

// A Jekyll blog brought over unchanged (tests/fixtures/blog): its posts at the addresses its
// `permalink:` gives them, the old theme's Liquid home page replaced by the built-in posts
// list, jekyll-paginate's pages, tags, and the Liquid its posts use.
const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const POSTS = ['In a category', 'No Title Here', 'A video', 'Liquid in posts', 'First steps'];

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the home page lists the newest posts, and the older ones are a page away', async ({ page }) => {
    await page.goto(served('blog') + '/');
    await expect(h1(page)).toHaveText('Field Notes');
    const titles = page.locator('.post-list').getByRole('heading', { level: 2 });
    await expect(titles).toHaveText(POSTS.slice(0, 2));
    await expect(page.locator('.post-list time').first()).toHaveAttribute('datetime', '2024-04-20');
    await page.getByRole('navigation', { name: 'Pages of posts' }).getByRole('link', { name: 'Older posts' }).click();
    await expect(page).toHaveURL(served('blog') + '/page2/');
    await expect(titles).toHaveText(POSTS.slice(2, 4));
    await expect(page.getByText('What the Liquid of a post becomes.')).toBeVisible();
    // Loaded afresh: under Playwright's script switch, a second cross-document view transition
    // in a row does not end here and leaves the page covered.
    await page.goto(served('blog') + '/page2/');
    await page.getByRole('link', { name: 'Newer posts' }).click();
    await expect(page).toHaveURL(served('blog') + '/');
  });

  test('a post shows its date, author and tags, and links its neighbours', async ({ page }) => {
    await page.goto(served('blog') + '/2024/02/liquid-in-posts/');
    await expect(h1(page)).toHaveText('Liquid in posts');
    const time = page.locator('header time');
    await expect(time).toHaveText('February 10, 2024');
    await expect(time).toHaveAttribute('datetime', '2024-02-10');
    await expect(page.getByText('by Ada')).toBeVisible();
    const neighbours = page.getByRole('navigation', { name: 'More posts' });
    await expect(neighbours.getByRole('link')).toHaveText(['First steps', 'A video']);
    await page.getByRole('list', { name: 'Tags' }).getByRole('link', { name: 'jekyll' }).click();
    await expect(page).toHaveURL(served('blog') + '/tags/jekyll/');
    await expect(h1(page)).toHaveText('Tag “jekyll”');
    await expect(page.locator('.post-list').getByRole('heading', { level: 2 })).toHaveText(['Liquid in posts', 'First steps']);
    await page.goto(served('blog') + '/tags/');
    await expect(page.getByRole('link', { name: 'rust' })).toHaveAttribute('href', '/tags/rust/');
  });

  test('the Liquid of a post: links resolved, includes, raw text, code left alone', async ({ page }) => {
    await page.goto(served('blog') + '/2024/02/liquid-in-posts/');
    await expect(page.getByText('Note: includes read _includes/')).toBeVisible();
    await expect(page.getByText('Liquid shown as text: {{ page.title }}')).toBeVisible();
    await expect(page.locator('pre code')).toContainText('echo ${{ github.sha }}');
    await expect(page.getByRole('link', { name: 'the first post' })).toHaveAttribute('href', '/2024/01/first-steps/');
    await page.getByRole('link', { name: 'the about page' }).click();
    await expect(page).toHaveURL(served('blog') + '/about/');
    await expect(page.getByText('This blog is written by Ada')).toBeVisible();
    await expect(page.getByRole('link', { name: 'the first post' })).toHaveAttribute('href', '/2024/01/first-steps/');
    await page.goto(served('blog') + '/2024/01/first-steps/');
    await expect(page.locator('pre code')).toContainText('println!("hello")');
  });

  test('what Jekyll leaves out is not served, and a README without front matter is copied', async ({ request }) => {
    for (const path of ['/2099/01/from-the-future/', '/_drafts/an-idea.md', '/Gemfile', '/_layouts/default.html', '/assets/main.scss']) {
      expect((await request.get(served('blog') + path)).status(), path).toBe(404);
    }
    const readme = await request.get(served('blog') + '/README.md');
    expect(readme.status()).toBe(200);
    expect(await readme.text()).toBe('# Field Notes\n\nThe source of the blog. `bundle exec jekyll serve` to preview.\n');
    const notFound = await request.get(served('blog') + '/nowhere/');
    expect(notFound.status()).toBe(404);
    expect(await notFound.text()).not.toContain('This page does not exist.');
  });

  test('only the blog\'s pages load the blog\'s stylesheet, and none the extras one', async ({ page }) => {
    const blog = page.locator('link[rel=stylesheet][href*="/blog-"]');
    const extras = page.locator('link[rel=stylesheet][href*="/extras-"]');
    for (const path of ['/', '/2024/02/liquid-in-posts/', '/tags/', '/about/']) {
      await page.goto(served('blog') + path);
      await expect(blog, path).toHaveCount(path === '/about/' ? 0 : 1);
      await expect(extras, path).toHaveCount(0);
    }
  });

  test('the feed lists the posts, newest first, each summarised by its excerpt', async ({ request }) => {
    const feed = await (await request.get(served('blog') + '/feed.xml')).text();
    const titles = [...feed.matchAll(/<entry[^>]*>\s*<title type="text">([^<]*)<\/title>/g)].map((m) => m[1]);
    expect(titles).toEqual(POSTS);
    expect(feed).toContain('<summary type="text">The first post of the blog, in one paragraph.</summary>');
  });
});

test.describe('what real posts contain', () => {
  test('a YouTube frame is a link to the video until it is played, and nothing is asked of YouTube before', async ({ page }) => {
    const thirdParty: string[] = [];
    page.on('request', (r) => { if (!r.url().startsWith(served('blog'))) thirdParty.push(r.url()); });
    await page.goto(served('blog') + '/2024/02/a-video/');
    await appReady(page);
    await expect(page.locator('p.callout')).toHaveText('A talk worth watching.');
    await expect(page.locator('link[rel=stylesheet][href*="/extras-"]')).toHaveCount(1);
    const video = page.getByRole('link', { name: 'A talk about static sites' });
    await expect(video).toHaveAttribute('href', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ');
    expect(thirdParty).toEqual([]);
    // The player is asked for only on the click, from youtube-nocookie (the policy's frame-src).
    await page.route('https://www.youtube-nocookie.com/**', (route) => route.fulfill({ body: '<p>player</p>', contentType: 'text/html' }));
    await video.click();
    const frame = page.locator('iframe[title="A talk about static sites"]');
    await expect(frame).toHaveAttribute('src', /^https:\/\/www\.youtube-nocookie\.com\/embed\/dQw4w9WgXcQ\?autoplay=1/);
    expect(thirdParty.every((u) => u.startsWith('https://www.youtube-nocookie.com/'))).toBe(true);
  });
});

test('search finds posts, and a result opens the post', async ({ page }) => {
  await page.goto(served('blog') + '/');
  await appReady(page);
  await page.keyboard.press('/');
  await page.getByRole('searchbox').fill('liquid post');
  const result = page.getByRole('dialog').getByRole('list').getByRole('link').first();
  await expect(result).toContainText('Liquid in posts');
  await result.click();
  await expect(page).toHaveURL(/\/2024\/02\/liquid-in-posts\/$/);
});

test('with JavaScript, a post link in a list opens the post, and nothing logs an error', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto(served('blog') + '/');
  await appReady(page);
  await page.getByRole('link', { name: 'No Title Here' }).click();
  await expect(page).toHaveURL(served('blog') + '/2024/03/No-Title-Here/');
  await expect(h1(page)).toHaveText('No Title Here');
  await appReady(page);
  expect(errors).toEqual([]);
});

test.describe('moved pages', () => {
  test('an old address leads to the post, and a moved page to its new address', async ({ page }) => {
    await page.goto(served('blog') + '/old-first/');
    await expect(page).toHaveURL(served('blog') + '/2024/01/first-steps/');
    await expect(h1(page)).toHaveText('First steps');
    await page.goto(served('blog') + '/2024/01/05/first-steps.html');
    await expect(page).toHaveURL(served('blog') + '/2024/01/first-steps/');
    await page.goto(served('blog') + '/moved/');
    await expect(page).toHaveURL(served('blog') + '/about/');
  });

  test('Netlify and Cloudflare Pages get the same moves as 301s', async ({ request }) => {
    const rules = readFileSync(join(SITES.blog.dist, '_redirects'), 'utf8');
    const moves = rules.trim().split('\n').sort();
    expect(moves).toEqual([
      '/2024/01/05/first-steps /2024/01/first-steps/ 301',
      '/2024/01/05/first-steps.html /2024/01/first-steps/ 301',
      '/moved/ /about/ 301',
      '/moved/index.html /about/ 301',
      '/old-first/ /2024/01/first-steps/ 301',
      '/old-first/index.html /2024/01/first-steps/ 301',
    ]);
    // On Cloudflare Pages each old address is one 301 away. Elsewhere the small page at it leads
    // on (the test above): nginx and GitHub Pages read no `_redirects`, and Netlify serves a file
    // over an unforced rule (`host: netlify` forces them).
    const reads = host() === 'cloudflare';
    for (const [from, to] of moves.map((line) => line.split(' '))) {
      const r = await request.get(served('blog') + from, { maxRedirects: 0 });
      if (reads) {
        expect(r.status(), from).toBe(301);
        expect(new URL(r.headers()['location'], served('blog') + from).pathname, from).toBe(to);
      } else {
        expect(r.status(), from).toBe(200);
      }
    }
  });
});
