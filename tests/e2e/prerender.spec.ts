import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SITES, published } from './hosts';
import { ARTICLE, HASH, host, hosting, served, article, heading, watchConsole, appReady, toc } from './helpers';

const model = article();

test.describe('without JavaScript', () => {
  // Reduced motion: instant anchor jumps, so each link is stable when clicked.
  test.use({ javaScriptEnabled: false, reducedMotion: 'reduce' });

  test('every paragraph is in the first HTML', async ({ page }) => {
    await page.goto(ARTICLE);
    await expect(page.getByRole('heading', { level: 1, name: 'Chef de Projet Digital' })).toBeVisible();
    for (const [i, section] of model.sections.entries()) {
      const paragraphs = page.getByRole('region', { name: section.heading }).locator('p');
      await expect(paragraphs).toHaveCount(model.texts[i].length);
      for (const [j, text] of model.texts[i].entries()) await expect(paragraphs.nth(j)).toHaveText(text);
    }
  });

  test('table-of-contents links work as plain anchors', async ({ page }) => {
    for (const entry of model.toc) {
      await page.goto(ARTICLE);
      await toc(page).getByRole('link', { name: entry.label }).click();
      await expect(page).toHaveURL(new RegExp(`#${entry.anchor}$`));
      const heading = model.sections.find((s) => s.id === entry.anchor)!.heading;
      await expect(page.getByRole('heading', { name: heading, exact: true })).toBeInViewport();
    }
  });
});

test.describe('hydration', () => {
  test('the text paints first: the wasm is requested only after the first contentful paint', async ({ page }) => {
    await page.goto(ARTICLE);
    await appReady(page);
    const times = await page.evaluate(() => ({
      paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      wasm: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((r) => r.name.endsWith('.wasm'))
        ?.startTime,
    }));
    expect(times.paint).toBeGreaterThan(0);
    expect(times.wasm).toBeGreaterThanOrEqual(times.paint!);
  });

  test('the loader, run in the page: the glue fetched with its integrity, the wasm after the first paint, then the islands and the worker', async ({ page }) => {
    await page.goto(ARTICLE);
    await appReady(page);
    const seen = await page.evaluate(async () => {
      const boot = JSON.parse(document.getElementById('cpd-boot')!.textContent!);
      const resource = (url: string) =>
        (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((r) => r.name.endsWith(url));
      const preload = document.querySelector<HTMLLinkElement>('link[rel=modulepreload]');
      const registration = await navigator.serviceWorker.ready;
      return {
        boot,
        preload: preload && { href: new URL(preload.href).pathname, integrity: preload.integrity },
        glue: resource(boot.glue),
        wasm: resource(boot.wasm),
        paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
        interactive: performance.getEntriesByName('cpd:interactive')[0]?.startTime,
        status: document.getElementById(boot.status)?.textContent,
        worker: new URL(registration.active!.scriptURL).pathname,
      };
    });
    // The data block names this build's files; the glue is preloaded with its integrity hash.
    expect(seen.boot.glue).toMatch(new RegExp(`${HASH}\\.js$`));
    expect(seen.boot.wasm).toMatch(new RegExp(`${HASH}\\.wasm$`));
    expect(seen.preload).toEqual({ href: seen.boot.glue, integrity: seen.boot.integrity });
    expect(seen.boot.integrity).toMatch(/^sha384-/);
    // The glue while the page renders, the wasm once the text is painted, the islands then.
    expect(seen.glue!.startTime).toBeLessThanOrEqual(seen.wasm!.startTime);
    expect(seen.wasm!.startTime).toBeGreaterThanOrEqual(seen.paint!);
    expect(seen.interactive).toBeGreaterThanOrEqual(seen.wasm!.responseEnd);
    expect(seen.status).toBe('');
    // A release build registers its service worker, once the islands are up.
    expect(seen.boot.worker).toBe('/sw.js');
    expect(seen.worker).toBe('/sw.js');
  });

  test('takes over the page without duplicating it, without errors, without refetching', async ({ page }) => {
    const errors = watchConsole(page);
    const modelRequests: string[] = [];
    page.on('request', (r) => r.url().includes('/content/') && modelRequests.push(r.url()));
    await page.goto(ARTICLE);
    await appReady(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    await expect(toc(page)).toHaveCount(1);
    await expect(page.locator('section')).toHaveCount(model.sections.length);
    const ids = await page.evaluate(() => [...document.querySelectorAll('[id]')].map((e) => e.id));
    expect(new Set(ids).size).toBe(ids.length);
    await expect(page.getByText(model.texts[0][0])).toHaveCount(1);
    // Still a single-page app once hydrated.
    await page.evaluate(() => ((window as any).__noReload = true));
    await page.getByRole('link', { name: model.toc[3].label, exact: true }).click();
    await expect(page).toHaveURL(/#qui-est$/);
    expect(await page.evaluate(() => (window as any).__noReload)).toBe(true);
    expect(modelRequests).toEqual([]);
    expect(errors).toEqual([]);
  });
});

test.describe('the HTML', () => {
  test('holds each paragraph of the article once: as text, never again as data', async ({ request }) => {
    const html = (await (await request.get(ARTICLE)).text())
      .replace(/&#x27;|&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    // Every run of plain text in a paragraph, markup dropped.
    const runs = (inlines: any[]): string[] =>
      inlines.flatMap((i) => ('text' in i ? [i.text] : runs('link' in i ? i.link.children : (i.emphasis ?? i.strong))));
    const longest = (inlines: any[]) => runs(inlines).reduce((a, b) => (b.length > a.length ? b : a), '');
    const paragraphs = [...model.lead, ...model.sections.flatMap((s) => s.paragraphs)];
    expect(paragraphs.length).toBeGreaterThan(10);
    for (const p of paragraphs) {
      // The start of the paragraph's longest run of text: enough to be found only where it is.
      const start = longest(p).trim().slice(0, 32);
      expect(start.length, JSON.stringify(p)).toBeGreaterThan(10);
      expect(html.split(start).length - 1, start).toBe(1);
    }
    expect(html).not.toContain('__RESOLVED_RESOURCES');
    expect(html).not.toContain('data-props');
  });
});

test.describe('search engines', () => {
  test('the head carries title, description, canonical URL, Open Graph and JSON-LD', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveTitle('Chef de Projet Digital');
    const canonical = published('app', ARTICLE);
    const attr = (sel: string, name: string) => page.locator(sel).first().getAttribute(name);
    expect(await attr('meta[name="description"]', 'content')).toBe(model.summary);
    expect(await attr('link[rel="canonical"]', 'href')).toBe(canonical);
    expect(await attr('meta[property="og:title"]', 'content')).toBe(model.title);
    expect(await attr('meta[property="og:description"]', 'content')).toBe(model.summary);
    expect(await attr('meta[property="og:url"]', 'content')).toBe(canonical);
    expect(await attr('meta[property="og:type"]', 'content')).toBe('article');
    expect(await attr('meta[name="twitter:card"]', 'content')).toBe('summary');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Article',
      headline: model.title,
      description: model.summary,
      inLanguage: 'fr',
      mainEntityOfPage: { '@id': canonical },
    });
  });

  test('sitemap.xml lists the canonical URL and robots.txt announces it', async ({ request }) => {
    const sitemap = await request.get('/sitemap.xml');
    expect(sitemap.status()).toBe(200);
    expect(await sitemap.text()).toContain(`<loc>${published('app', ARTICLE)}</loc>`);
    const robots = await request.get('/robots.txt');
    expect(await robots.text()).toContain(`Sitemap: ${published('app', '/sitemap.xml')}`);
  });
});

test.describe('hosting', () => {
  test('hashed assets are immutable, pages revalidate, everything is served compressed', async ({ page, request }) => {
    const { headers, encodes } = hosting();
    test.skip(!headers && !encodes, `${host()} sends neither the build's headers nor encoded answers`);
    const assets: string[] = [];
    page.on('response', (r) => new RegExp(`${HASH}\\.(js|wasm|css)$`).test(r.url()) && assets.push(r.url()));
    await page.goto(ARTICLE);
    await appReady(page);
    expect(assets.some((a) => a.endsWith('.wasm'))).toBe(true);
    for (const url of assets) {
      const r = await request.get(url, { headers: { 'Accept-Encoding': 'br' } });
      if (headers) expect(r.headers()['cache-control'], url).toBe('public, max-age=31536000, immutable');
      if (encodes) expect(r.headers()['content-encoding'], url).toBe('br');
    }
    const html = await request.get(ARTICLE, { headers: { 'Accept-Encoding': 'gzip' } });
    if (headers) expect(html.headers()['cache-control']).toBe('no-cache');
    if (encodes) expect(html.headers()['content-encoding']).toBe('gzip');
  });

  test('the _headers file for Netlify and Cloudflare Pages is written', () => {
    // Read where the build wrote it: the hosts that read it do not serve it.
    const headers = readFileSync(join(SITES.app.dist, '_headers'), 'utf8');
    expect(headers).toContain('X-Content-Type-Options: nosniff');
    expect(headers).toMatch(/_bg\.wasm\n  ! Cache-Control\n  Cache-Control: public, max-age=31536000, immutable/);
  });
});

test.describe('under a sub-path', () => {
  test('assets, links, canonical URL and navigation follow the base path', async ({ page }) => {
    const errors = watchConsole(page);
    const outside: string[] = [];
    page.on('request', (r) => !r.url().startsWith(`${served('sub')}/`) && outside.push(r.url()));
    await page.goto(`${served('sub')}${ARTICLE}#missions`);
    await appReady(page);
    await expect(page.getByRole('heading', { name: heading('missions') })).toBeInViewport();
    expect(await page.locator('link[rel="canonical"]').getAttribute('href')).toBe(published('sub', ARTICLE));
    await page.getByRole('link', { name: model.toc[4].label, exact: true }).click();
    await expect(page).toHaveURL(`${served('sub')}${ARTICLE}#structure`);
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
    await page.goto(`${served('sub')}/404.html`);
    await appReady(page);
    await page.getByRole('link', { name: /Lire «.Chef de Projet Digital.»/ }).click();
    await expect(page).toHaveURL(`${served('sub')}${ARTICLE}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Chef de Projet Digital' })).toBeVisible();
  });
});
