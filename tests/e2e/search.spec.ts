import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTICLE, appReady, heading, served, watchConsole } from './helpers';
import { SITES, sitePath } from './hosts';

// Search (crates/search, the dialog in crates/view/src/components/search.rs, its loading in
// crates/publish/src/loader.js): from the bar's button or the keyboard, in the page's language,
// results as the reader types, links to sections, offline, and every way it can fail.

const field = (page: Page) => page.getByRole('searchbox');
const dialog = (page: Page) => page.getByRole('dialog');
const status = (page: Page) => dialog(page).getByRole('status');
const results = (page: Page) => dialog(page).getByRole('list').getByRole('link');

/** Opens search with the bar's button, as a pointer does. */
async function openSearch(page: Page, name = 'Rechercher') {
  await page.getByRole('button', { name }).click();
  await expect(field(page)).toBeFocused();
}

test.describe('search, in French', () => {
  test('the keyboard alone: `/` opens, the words are counted, ↓ ↑ move, Escape gives focus back', async ({ page }) => {
    const errors = watchConsole(page);
    await page.goto(ARTICLE);
    await appReady(page);
    await page.keyboard.press('/');
    await expect(dialog(page)).toBeVisible();
    await expect(dialog(page)).toHaveAccessibleName('Rechercher dans le site');
    await expect(field(page)).toBeFocused();
    await page.keyboard.type('chef de proj');
    await expect(status(page)).toHaveText(/^\d+ résultats$/);
    const count = await results(page).count();
    expect(count).toBeGreaterThan(1);
    await expect(status(page)).toHaveText(`${count} résultats`);
    await page.keyboard.press('ArrowDown');
    await expect(results(page).first()).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(results(page).nth(1)).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect(field(page)).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog(page)).toBeHidden();
    // Opened from the button, closed with Escape: focus goes back to the button.
    await page.getByRole('button', { name: 'Rechercher' }).focus();
    await page.keyboard.press('Enter');
    await expect(field(page)).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: 'Rechercher' })).toBeFocused();
    await page.keyboard.press('Control+k');
    await expect(field(page)).toBeFocused();
    expect(errors).toEqual([]);
  });

  test('each result: the page, the section, an excerpt with the words marked', async ({ page }) => {
    await page.goto(ARTICLE);
    await appReady(page);
    await openSearch(page);
    await field(page).fill('cahier des charges');
    const first = results(page).first();
    await expect(first).toContainText('Chef de Projet Digital');
    await expect(first).toContainText(heading('missions'));
    await expect(first.locator('mark').first()).toHaveText(/cahier/i);
    const excerpt = await first.locator('.search-result-excerpt').innerText();
    expect(excerpt.split(/\s+/).length).toBeLessThanOrEqual(24);
  });

  test('a result on this page goes through the router: no reload, focus on its heading', async ({ page }) => {
    await page.goto(ARTICLE);
    await appReady(page);
    await page.evaluate(() => ((window as any).__noReload = true));
    const entries = await page.evaluate(() => history.length);
    await openSearch(page);
    await field(page).fill('freelance');
    await expect(results(page).first()).toHaveAttribute('href', '#structure');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#structure$/);
    await expect(dialog(page)).toBeHidden();
    await expect(page.getByRole('heading', { name: heading('structure'), exact: true })).toBeFocused();
    expect(await page.evaluate(() => (window as any).__noReload)).toBe(true);
    expect(await page.evaluate(() => history.length)).toBe(entries + 1);
  });

  test('a result on another page lands on its section, focus on its heading', async ({ page }) => {
    await page.goto(`${served('fixture')}/`);
    await appReady(page);
    await openSearch(page);
    await field(page).fill('tableaux larges');
    await expect(results(page).first()).toHaveAttribute('href', sitePath('fixture', '/guide/syntaxe#tableau-large'));
    await results(page).first().click();
    await expect(page).toHaveURL(`${served('fixture')}/guide/syntaxe#tableau-large`);
    const target = page.getByRole('heading', { name: 'Tableau large', exact: true });
    await expect(target).toBeFocused();
    await expect(target).toBeInViewport();
  });

  test('the first load carries no search code, no index and no dialog', async ({ page }) => {
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await page.goto(ARTICLE);
    await appReady(page);
    await expect(page.getByRole('button', { name: 'Rechercher' })).toBeVisible();
    expect(asked.filter((path) => path.startsWith('/search/'))).toEqual([]);
    expect(await page.locator('dialog').count()).toBe(0);
    await page.getByRole('button', { name: 'Rechercher' }).hover();
    await expect.poll(() => asked.filter((path) => path.startsWith('/search/')).length).toBeGreaterThan(0);
  });

  test('hostile queries are text, find nothing, and raise nothing', async ({ page }) => {
    const errors = watchConsole(page);
    await page.goto(ARTICLE);
    await appReady(page);
    await openSearch(page);
    for (const query of ['x'.repeat(10_000), '!!! ??? ;;; …', '🙂🚀🎉', '<img src=x onerror=alert(1)>']) {
      await field(page).fill(query);
      await expect(status(page)).toHaveText('Aucun résultat');
      await expect(results(page)).toHaveCount(0);
    }
    await expect(page.locator('img[src=x]')).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test('a query is never sent anywhere: only the index files are read', async ({ page }) => {
    const asked: string[] = [];
    await page.goto(ARTICLE);
    await appReady(page);
    page.on('request', (r) => asked.push(r.url()));
    await openSearch(page);
    await field(page).fill('coordonne équipe');
    await expect(status(page)).toHaveText(/résultat/);
    expect(asked.length).toBeGreaterThan(0);
    for (const url of asked) {
      expect(new URL(url).origin).toBe(new URL(page.url()).origin);
      expect(new URL(url).pathname).toMatch(/^\/search\//);
      expect(decodeURIComponent(url)).not.toMatch(/coordonne|équipe/);
    }
  });

  test('after the first results the whole index comes in one file: later queries fetch nothing', async ({ page }) => {
    await page.goto(ARTICLE);
    await appReady(page);
    await openSearch(page);
    const whole = page.waitForResponse(/\/search\/whole-[0-9a-f]+\.bin$/);
    await field(page).fill('projet');
    await expect(status(page)).toHaveText(/résultat/);
    expect((await whole).ok()).toBe(true);
    await expect(dialog(page)).toHaveAttribute('data-index', 'whole');
    const asked: string[] = [];
    page.on('request', (r) => asked.push(r.url()));
    for (const [query, first] of [
      ['affiliation', '#champs-actions'],
      ['réseaux sociaux', null],
      ['coordonne équipe', null],
    ] as const) {
      await field(page).fill(query);
      await expect(status(page)).toHaveText(/résultat/);
      if (first) await expect(results(page).first()).toHaveAttribute('href', first);
    }
    expect(asked).toEqual([]);
  });

  test('on a 360 px phone the dialog fills the screen', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(ARTICLE);
    await appReady(page);
    await openSearch(page);
    await field(page).fill('projet');
    await expect(results(page).first()).toBeVisible();
    const box = (await dialog(page).boundingBox())!;
    expect(box).toEqual({ x: 0, y: 0, width: 360, height: 740 });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(wide).toBeLessThanOrEqual(360);
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`axe finds nothing with the dialog open, ${scheme}`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(ARTICLE);
      await appReady(page);
      await openSearch(page);
      await field(page).fill('chef de projet');
      await expect(results(page).first()).toBeVisible();
      const found = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
        .analyze();
      expect(found.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
    });
  }
});

test.describe('search, in English', () => {
  test('an English page labels it in English', async ({ page }) => {
    await page.goto(`${served('fixture')}/en/reading/`);
    await appReady(page);
    await openSearch(page, 'Search');
    await expect(dialog(page)).toHaveAccessibleName('Search the site');
    await field(page).fill('drafts');
    await expect(status(page)).toHaveText(/^\d+ results?$/);
    await expect(results(page).first()).toContainText('Reading notes');
    await field(page).fill('zzzyx');
    await expect(status(page)).toHaveText('No results');
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('no button that does nothing', async ({ page }) => {
    await page.goto(ARTICLE);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Rechercher' })).toHaveCount(0);
  });
});

test.describe('offline', () => {
  test.use({ serviceWorkers: 'allow' });
  test('after a first visit, search works with the network off', async ({ page, context }) => {
    await page.goto(ARTICLE);
    await appReady(page);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await context.setOffline(true);
    await page.reload();
    await appReady(page);
    await openSearch(page);
    await field(page).fill('affiliation');
    await expect(results(page).first()).toHaveAttribute('href', '#champs-actions');
  });
});

test.describe('when the index cannot be read', () => {
  // page.route must see the index's requests, not a service worker's cache.
  test.use({ serviceWorkers: 'block' });

  const cases: [string, (route: any) => Promise<void>, RegExp][] = [
    ['a missing file (404)', (route) => route.fulfill({ status: 404, body: 'not found' }), /introuvable/],
    ['a corrupt file', (route) => route.fulfill({ status: 200, body: Buffer.from('not an index at all') }), /illisible/],
    ['a truncated file', (route) => {
      const whole = readFileSync(join(SITES.app.dist, new URL(route.request().url()).pathname));
      return route.fulfill({ status: 200, body: whole.subarray(0, whole.length >> 1) });
    }, /illisible/],
    ['no network and no cache', (route) => route.abort('internetdisconnected'), /hors ligne/],
  ];
  for (const [what, answer, message] of cases) {
    test(`${what}: the dialog says so, the page stays whole`, async ({ page }) => {
      await page.route(/\/search\/index\.bin$/, answer);
      await page.goto(ARTICLE);
      await appReady(page);
      await openSearch(page);
      await field(page).fill('projet');
      await expect(status(page)).toHaveText(message);
      await expect(results(page)).toHaveCount(0);
      await page.keyboard.press('Escape');
      await expect(page.getByRole('heading', { level: 1, name: 'Chef de Projet Digital' })).toBeVisible();
      await expect(page.getByRole('region', { name: heading('missions') })).toBeVisible();
    });
  }

  test('offline with only the whole index at hand, search still answers from it', async ({ page }) => {
    await page.route(/\/search\/(terms|text)-\d+-[0-9a-f]+\.bin$/, (route) => route.abort('internetdisconnected'));
    await page.goto(ARTICLE);
    await appReady(page);
    await openSearch(page);
    await field(page).fill('affiliation');
    await expect(results(page).first()).toHaveAttribute('href', '#champs-actions');
    await expect(dialog(page)).toHaveAttribute('data-index', 'whole');
  });

  test('a corrupt whole index: search goes on file by file, and the console says so', async ({ page }) => {
    const errors = watchConsole(page);
    await page.route(/\/search\/whole-[0-9a-f]+\.bin$/, (route) =>
      route.fulfill({ status: 200, body: Buffer.from('not an index at all') }),
    );
    await page.goto(ARTICLE);
    await appReady(page);
    await openSearch(page);
    await field(page).fill('projet');
    await expect(status(page)).toHaveText(/résultat/);
    await expect.poll(() => errors.join('\n')).toMatch(/warning: .*whole-[0-9a-f]+\.bin .*illisible/);
    await field(page).fill('affiliation');
    await expect(results(page).first()).toHaveAttribute('href', '#champs-actions');
    await expect(dialog(page)).not.toHaveAttribute('data-index', 'whole');
  });

  test('the search code cannot load: the page says so, and stays whole', async ({ page }) => {
    await page.route(/\/search\/search-[0-9a-f]+\.js$/, (route) => route.abort('internetdisconnected'));
    await page.goto(ARTICLE);
    await appReady(page);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect(page.getByRole('status').getByText('La recherche n’a pas pu être chargée.')).toBeVisible();
    await expect(dialog(page)).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1, name: 'Chef de Projet Digital' })).toBeVisible();
  });

  test('a file of another deploy: the dialog asks for a reload', async ({ page }) => {
    // The same article built for another base path: its index is another build's.
    const folder = join(SITES.sub.dist, SITES.sub.base, 'search');
    const shards = readdirSync(folder).filter((f) => /^terms-\d+-[0-9a-f]+\.bin$/.test(f));
    await page.route(/\/search\/terms-\d+-[0-9a-f]+\.bin$/, (route) =>
      route.fulfill({ status: 200, body: readFileSync(join(folder, shards[0])) }),
    );
    await page.goto(ARTICLE);
    await appReady(page);
    await openSearch(page);
    await field(page).fill('projet');
    await expect(status(page)).toHaveText(/mis à jour/);
  });
});
