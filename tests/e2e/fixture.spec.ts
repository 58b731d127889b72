import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { appReady, controlled, frames, model, served, watchConsole } from './helpers';
import { published, sitePath } from './hosts';

// The fixture site (tests/fixtures/site), built under /essai/ (scripts/test.sh): every Markdown
// construct, a French and an English page, the site menu and links of every kind.
const PAGES = [
  { path: '/', source: 'index', title: "Site d’essai" },
  { path: '/guide/syntaxe', source: 'guide/syntaxe', title: 'Guide de la syntaxe' },
  { path: '/en/reading/', source: 'en/reading', title: 'Reading notes' },
  { path: '/extras/tags', source: 'extras/tags', title: null },
];
const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('every page is readable: title, text, contents', async ({ page }) => {
    for (const p of PAGES) {
      const response = await page.goto(served('fixture') + p.path);
      expect(response?.status(), p.path).toBe(200);
      if (p.title) await expect(h1(page)).toHaveText(p.title);
      await expect(page.locator('main p').first()).toBeVisible();
    }
    // Pages outside the site: skipped and unpublished files.
    for (const path of ['/_brouillon.html', '/notes/unpublished.html']) {
      expect((await page.goto(served('fixture') + path))?.status(), path).toBe(404);
    }
  });
});

test('the site menu lists the pages with nav_order, in the page\'s language, and marks the current one', async ({ page }) => {
  await page.goto(served('fixture') + '/guide/syntaxe');
  const menu = page.getByRole('navigation', { name: 'Pages du site' });
  // The English menu page (`Reading notes`, `nav_order: 3`) by its French translation.
  await expect(menu.getByRole('link')).toHaveText(["Site d’essai", 'Guide de la syntaxe', 'Notes de lecture']);
  await expect(menu.getByRole('link', { name: 'Guide de la syntaxe' })).toHaveAttribute('aria-current', 'page');
  await expect(menu.getByRole('link', { name: 'Notes de lecture' })).not.toHaveAttribute('aria-current', /.*/);
});

test('the bar names the site, a link home, and on a 360 px phone everything in it fits', async ({ page }) => {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 740 });
    await page.goto(served('fixture') + '/en/reading/');
    await appReady(page);
    const bar = page.getByRole('banner');
    const name = bar.getByRole('link', { name: "Site d'essai" });
    await expect(name).toBeVisible();
    await expect(name).toHaveAttribute('href', sitePath('fixture', '/'));
    // Nothing in the bar spills out of it or over another: each item within the bar, in order.
    const boxes = await bar.evaluate((header) =>
      [...header.children]
        .map((child) => child.getBoundingClientRect())
        .filter((r) => r.width > 0)
        .map((r) => ({ left: r.left, right: r.right })),
    );
    const outer = (await bar.boundingBox())!;
    for (const [i, box] of boxes.entries()) {
      expect(box.left).toBeGreaterThanOrEqual(outer.x - 0.5);
      expect(box.right).toBeLessThanOrEqual(outer.x + outer.width + 0.5);
      if (i > 0) expect(box.left).toBeGreaterThanOrEqual(boxes[i - 1].right - 0.5);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
  }
  await page.getByRole('banner').getByRole('link', { name: "Site d'essai" }).click();
  await expect(h1(page)).toHaveText("Site d’essai");
});

test('translations: each names the others in their own language, in the bar, the head and the sitemap', async ({ page }) => {
  await page.goto(served('fixture') + '/en/reading/');
  await appReady(page);
  const english = page.getByRole('navigation', { name: 'Languages' });
  await expect(english.getByRole('link', { name: 'English' })).toHaveAttribute('aria-current', 'page');
  const french = english.getByRole('link', { name: 'Français' });
  await expect(french).toHaveAttribute('lang', 'fr');
  await expect(french).toHaveAttribute('hreflang', 'fr');
  const alternates = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('head link[rel=alternate][hreflang]')].map((l) => [
        l.getAttribute('hreflang'),
        l.getAttribute('href'),
      ]),
    );
  const expected = [
    ['en', published('fixture', '/en/reading/')],
    ['fr', published('fixture', '/lectures')],
    ['x-default', published('fixture', '/lectures')],
  ];
  expect(await alternates()).toEqual(expected);
  await french.click();
  await expect(page).toHaveURL(served('fixture') + '/lectures');
  await expect(h1(page)).toHaveText('Notes de lecture');
  await expect(h1(page)).toBeFocused();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  const langues = page.getByRole('navigation', { name: 'Langues' });
  await expect(langues.getByRole('link', { name: 'Français' })).toHaveAttribute('aria-current', 'page');
  await expect(langues.getByRole('link', { name: 'English' })).toHaveAttribute('lang', 'en');
  expect(await alternates()).toEqual(expected);
  // A page without translations has no switch, no alternates.
  await page.goto(served('fixture') + '/guide/syntaxe');
  await expect(page.getByRole('navigation', { name: 'Langues' })).toHaveCount(0);
  expect(await alternates()).toEqual([]);
  // The sitemap lists them for each of the two pages.
  const sitemap = await (await page.request.get(served('fixture') + '/sitemap.xml')).text();
  const toEnglish = `<xhtml:link rel="alternate" hreflang="en" href="${published('fixture', '/en/reading/')}"/>`;
  expect(sitemap.split(toEnglish)).toHaveLength(3);
});

test('page to page, back and forward, with the wasm running', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto(served('fixture') + '/');
  await appReady(page);
  const menu = page.getByRole('navigation', { name: 'Pages du site' });
  await menu.getByRole('link', { name: 'Guide de la syntaxe' }).click();
  await expect(page).toHaveURL(served('fixture') + '/guide/syntaxe');
  await expect(h1(page)).toHaveText('Guide de la syntaxe');
  await expect(page).toHaveTitle(/Guide de la syntaxe/);
  await expect(h1(page)).toBeFocused();
  await appReady(page);
  await menu.getByRole('link', { name: 'Notes de lecture' }).click();
  await expect(page).toHaveURL(served('fixture') + '/lectures');
  await appReady(page);
  await page.getByRole('navigation', { name: 'Langues' }).getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(served('fixture') + '/en/reading/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // Each page is left once its islands are up: a page left while its wasm still loads aborts
  // that load, which the console reports.
  await appReady(page);
  await page.goBack();
  await expect(page).toHaveURL(served('fixture') + '/lectures');
  await expect(h1(page)).toHaveText('Notes de lecture');
  await appReady(page);
  await page.goBack();
  await expect(page).toHaveURL(served('fixture') + '/guide/syntaxe');
  await expect(h1(page)).toHaveText('Guide de la syntaxe');
  await appReady(page);
  await page.goBack();
  await expect(h1(page)).toHaveText("Site d’essai");
  await appReady(page);
  await page.goForward();
  await expect(h1(page)).toHaveText('Guide de la syntaxe');
  await appReady(page);
  expect(errors).toEqual([]);
});

test('a page the reader points at is fetched ahead by the speculation rules, and the click uses it', async ({ page }) => {
  // Chromium prerenders nothing while DevTools drives it (`PrerenderingDisabledByDevTools`,
  // Playwright's case): the rules' prefetch, which it keeps, is what a test can see.
  const errors = watchConsole(page);
  const cdp = await page.context().newCDPSession(page);
  const fetched = new Promise<string>((resolve) =>
    cdp.on('Preload.prefetchStatusUpdated', (e: any) => {
      if (e.status === 'Ready') resolve(e.prefetchUrl);
    }),
  );
  await cdp.send('Preload.enable');
  await page.goto(served('fixture') + '/');
  await appReady(page);
  // Once the service worker has taken the page: a document fetched ahead under one controller
  // is not used under the next.
  await controlled(page);
  const link = page.getByRole('navigation', { name: 'Pages du site' }).getByRole('link', { name: 'Guide de la syntaxe' });
  await link.hover();
  expect(await fetched).toBe(served('fixture') + '/guide/syntaxe');
  await link.click();
  await expect(page).toHaveURL(served('fixture') + '/guide/syntaxe');
  const delivery = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as any).deliveryType);
  expect(delivery).toBe('navigational-prefetch');
  await expect(h1(page)).toHaveText('Guide de la syntaxe');
  await expect(h1(page)).toBeFocused();
  await expect(page).toHaveTitle(/Guide de la syntaxe/);
  await appReady(page);
  await page.goBack();
  await expect(h1(page)).toHaveText("Site d’essai");
  await appReady(page);
  expect(errors).toEqual([]);
});

test('page to page cross-fades (a view transition), never under reduced motion', async ({ page }) => {
  await page.goto(served('fixture') + '/');
  // The stylesheet's @view-transition, and the media query it stands under.
  const conditions = () =>
    page.evaluate(() =>
      [...document.styleSheets]
        .flatMap((sheet) => [...sheet.cssRules])
        .filter((rule): rule is CSSMediaRule => rule instanceof CSSMediaRule)
        .filter((rule) => [...rule.cssRules].some((inner) => inner.cssText.startsWith('@view-transition')))
        .map((rule) => [rule.conditionText, matchMedia(rule.conditionText).matches]),
    );
  expect(await conditions()).toEqual([['(prefers-reduced-motion: no-preference)', true]]);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await conditions()).toEqual([['(prefers-reduced-motion: no-preference)', false]]);
});

test('each page links its language’s Atom feed, served as XML', async ({ page }) => {
  for (const [path, feed, lang] of [
    ['/guide/syntaxe', '/feed.xml', 'fr'],
    ['/en/reading/', '/en/feed.xml', 'en'],
  ]) {
    await page.goto(served('fixture') + path);
    const link = page.locator('head link[rel=alternate][type="application/atom+xml"]');
    await expect(link).toHaveAttribute('href', sitePath('fixture', feed));
    const response = await page.request.get(served('fixture') + feed);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^application\/xml/);
    const xml = await response.text();
    expect(xml).toContain(`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">`);
    expect(xml).toContain('<entry');
  }
});

test('links of every kind: another page, its anchor, a file, another site', async ({ page }) => {
  await page.goto(served('fixture') + '/');
  await appReady(page);
  const main = page.getByRole('main');
  // Another page's anchor, absolute in the source: it follows the base path.
  await main.getByRole('link', { name: 'ses tableaux' }).click();
  await expect(page).toHaveURL(served('fixture') + '/guide/syntaxe#tableaux');
  await expect(page.getByRole('heading', { name: 'Tableaux', exact: true })).toBeInViewport();
  // A link written to the source file reaches the page.
  await page.goto(served('fixture') + '/');
  await appReady(page);
  await main.getByRole('link', { name: 'guide de la syntaxe' }).click();
  await expect(page).toHaveURL(served('fixture') + '/guide/syntaxe');
  await appReady(page);
  // A file of the content folder, copied into the site.
  const file = page.getByRole('link', { name: 'exemple.txt' });
  const href = await file.getAttribute('href');
  expect(href).toBe(sitePath('fixture', '/guide/fichiers/exemple.txt'));
  expect((await page.request.get(new URL(href!, served('fixture')).href)).status()).toBe(200);
  // Another site: the browser goes there (answered here, the machine has no internet).
  await page.route('https://www.rust-lang.org/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Rust</title><h1>Rust</h1>' }),
  );
  // A bare address is a link too (GFM), without its sentence's full stop.
  await expect(page.getByRole('link', { name: 'www.rust-lang.org/tools', exact: true })).toHaveAttribute(
    'href',
    'http://www.rust-lang.org/tools',
  );
  await page.getByRole('link', { name: 'le site de Rust' }).click();
  await expect(page).toHaveURL('https://www.rust-lang.org/');
});

test('a contents list is generated from the ## and ### headings', async ({ page }) => {
  await page.goto(served('fixture') + '/guide/syntaxe');
  const toc = page.getByRole('navigation', { name: 'Sommaire' });
  const m = model('guide/syntaxe');
  expect(m.toc.length).toBeGreaterThan(5);
  await expect(toc.getByRole('link')).toHaveText(m.toc.map((e) => e.label));
  expect(m.toc.some((e) => e.depth === 1)).toBe(true);
  await expect(toc.getByRole('link', { name: 'Tableau large' })).toHaveAttribute('href', '#tableau-large');
  // Accents folded, and the second « Exemple » made unique.
  const anchors = m.toc.map((e) => e.anchor);
  expect(anchors).toContain('qu-est-ce-qu-un-element');
  expect(anchors.filter((a) => a.startsWith('exemple'))).toEqual(['exemple', 'exemple-2']);
  // The English page asked for none.
  await page.goto(served('fixture') + '/en/reading/');
  await expect(page.getByRole('navigation', { name: 'Sommaire' })).toHaveCount(0);
});

test('images carry their size, load lazily below the first screen, and nothing shifts', async ({ page }) => {
  await page.goto(served('fixture') + '/guide/syntaxe');
  const top = page.getByRole('img', { name: /Un paysage en dégradé/ });
  await expect(top).toHaveAttribute('width', '640');
  await expect(top).toHaveAttribute('height', '360');
  await expect(top).not.toHaveAttribute('loading', 'lazy');
  expect(await top.getAttribute('src')).toMatch(new RegExp(`^${sitePath('fixture', '/images/paysage-')}[0-9a-f]{16}\\.png$`));
  const svg = page.getByRole('img', { name: /Un schéma/ });
  await expect(svg).toHaveAttribute('width', '240');
  const low = page.getByRole('img', { name: /Une vignette orange/ });
  await expect(low).toHaveAttribute('width', '300');
  await expect(low).toHaveAttribute('loading', 'lazy');
  await low.scrollIntoViewIfNeeded();
  await expect.poll(() => low.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(300);
  await frames(page);
  // Every layout shift since the page opened, read from the browser's buffer.
  const shift = await page.evaluate(() => {
    const observer = new PerformanceObserver(() => {});
    observer.observe({ type: 'layout-shift', buffered: true });
    const entries = observer.takeRecords() as any[];
    observer.disconnect();
    return entries.filter((e) => !e.hadRecentInput).reduce((total, e) => total + e.value, 0);
  });
  expect(shift).toBe(0);
});

test('on a 320 px phone a wide table scrolls inside itself, never the page', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto(served('fixture') + '/guide/syntaxe');
  const wide = page.locator('#tableau-large ~ .table-scroll').first();
  await wide.scrollIntoViewIfNeeded();
  const { inner, outer } = await wide.evaluate((el) => ({ inner: el.scrollWidth, outer: el.clientWidth }));
  expect(inner).toBeGreaterThan(outer);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  // Column alignment from the source's separator row.
  await expect(page.locator('th.align-center').first()).toHaveCSS('text-align', 'center');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`highlighted code, and axe finds nothing, in ${scheme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of ['/guide/syntaxe', '/en/reading/']) {
      await page.goto(served('fixture') + path);
      await appReady(page);
      const code = page.locator('pre.code').first();
      await expect(code.locator('span[class^="hl-"]').first()).toBeVisible();
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
        .analyze();
      const found = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(found, `${path} ${scheme}`).toEqual([]);
    }
  });
}

test('offline, a page leads to another from the service worker', async ({ page, context }) => {
  await page.goto(served('fixture') + '/');
  await appReady(page);
  await controlled(page);
  await context.setOffline(true);
  await page.getByRole('navigation', { name: 'Pages du site' }).getByRole('link', { name: 'Notes de lecture' }).click();
  await expect(h1(page)).toHaveText('Notes de lecture');
  await expect(h1(page)).toBeFocused();
  await page.goBack();
  await expect(h1(page)).toHaveText("Site d’essai");
});
