import { test, expect, type Page } from '@playwright/test';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { ARTICLE, HASH, hosting, served, appReady, controlled, facts, heading, label, toc, watchConsole } from './helpers';
import { LOOPBACK, SITES, local, sitePath } from './hosts';

// The service worker (src/publish/offline.rs, src/publish/sw.js): a second visit reads and navigates with the network off,
// and a new deploy is taken on the next load. Workers are allowed here (see playwright.config.ts).
test.use({ serviceWorkers: 'allow' });


/** Reads the article and moves to a section through the table of contents. */
async function readAndNavigate(page: Page, id: string) {
  await expect(page.getByRole('heading', { level: 1, name: 'Chef de Projet Digital' })).toBeVisible();
  await expect(page.getByRole('heading', { name: heading(id), exact: true })).toBeAttached();
  await appReady(page);
  await toc(page).getByRole('link', { name: label(id) }).click();
  await expect(page).toHaveURL(new RegExp(`#${id}$`));
  const target = page.getByRole('heading', { name: heading(id), exact: true });
  await expect(target).toBeFocused();
  await expect(target).toBeInViewport();
}

test.describe('offline', () => {
  test('the second visit opens, hydrates and navigates with the network off', async ({ page, context }) => {
    const errors = watchConsole(page);
    await page.goto('/');
    await appReady(page);
    await controlled(page);
    await context.setOffline(true);
    const response = await page.reload();
    expect(response?.fromServiceWorker()).toBe(true);
    await readAndNavigate(page, 'qui-est');
    expect(errors).toEqual([]);
    // Really offline: what the worker does not hold fails.
    expect(await page.evaluate(() => fetch('/robots.txt').then(() => 'online', () => 'offline'))).toBe('offline');
  });

  test('a deep link opens on its section offline; an unknown address gets « page introuvable »', async ({ page, context }) => {
    // Another document than the deep link's, so that opening it is a real load.
    await page.goto('/');
    await appReady(page);
    await controlled(page);
    await context.setOffline(true);
    await page.goto(`${ARTICLE}#missions`);
    await appReady(page);
    await expect(page.getByRole('heading', { name: heading('missions'), exact: true })).toBeInViewport();
    await readAndNavigate(page, 'structure');
    // The worker's own requests are offline too: an address it has not cached gets the 404 page.
    await page.goto('/sitemap.xml');
    await expect(page.getByRole('heading', { level: 1, name: 'Page introuvable' })).toBeVisible();
  });

  test('under a sub-path the worker is scoped to /docs/ and reads offline there', async ({ page, context }) => {
    // `served` skips the test where the host does not serve the sub-path build, or it is absent.
    await page.goto(`${served('sub')}/`);
    await appReady(page);
    await controlled(page);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${served('sub')}/`);
    expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe(sitePath('sub', '/manifest.webmanifest'));
    await context.setOffline(true);
    await page.goto(`${served('sub')}${ARTICLE}#missions`);
    await appReady(page);
    await expect(page.getByRole('heading', { name: heading('missions'), exact: true })).toBeInViewport();
    await readAndNavigate(page, 'champs-actions');
  });
});

test.describe('installing', () => {
  test('every page links the manifest; it and its icons are served, the worker revalidated', async ({ page, request }) => {
    for (const path of ['/', ARTICLE, '/nulle/part.html']) {
      await page.goto(path);
      expect(await page.locator('link[rel="manifest"]').getAttribute('href'), path).toBe('/manifest.webmanifest');
      await expect(page.locator('meta[name="theme-color"]')).toHaveCount(2);
    }
    const response = await request.get('/manifest.webmanifest');
    expect(response.headers()['content-type']).toMatch(/^application\/manifest\+json/);
    if (hosting().headers) expect(response.headers()['cache-control']).toBe('no-cache');
    const manifest = await response.json();
    expect(manifest).toMatchObject({ name: 'Chef de Projet Digital', lang: 'fr', display: 'standalone', start_url: './', scope: './' });
    const sizes: string[] = [];
    for (const icon of manifest.icons) {
      const r = await request.get(new URL(icon.src, response.url()).href);
      expect(r.status(), icon.src).toBe(200);
      expect(r.headers()['content-type'].split(';')[0], icon.src).toBe(icon.type);
      if (icon.type === 'image/png') {
        const png = await r.body();
        sizes.push(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`);
        expect(sizes.at(-1), icon.src).toBe(icon.sizes);
      }
    }
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
    const sw = await request.get('/sw.js');
    // Without the build's headers (GitHub Pages), the host's short caching: the browser still
    // checks the worker at least daily.
    if (hosting().headers) expect(sw.headers()['cache-control']).toBe('no-cache');
    expect(sw.headers()['content-type']).toMatch(/^(text|application)\/javascript/);
  });
});

/** A static server over `root`, read at each request, so the test can deploy into it. */
async function serve(root: string) {
  // The media types of the build's policy, as its host files send them.
  const types: Record<string, string> = Object.fromEntries(
    facts().file_kinds.map((k) => [`.${k.extension}`, k.text ? `${k.media_type}; charset=utf-8` : k.media_type]),
  );
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path.endsWith('/')) path += 'index.html';
    // A page's address: `/a` for a.html, as every host serves it.
    else if (!extname(path) && existsSync(join(root, `${path}.html`))) path += '.html';
    const file = resolve(join(root, path));
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ready) => server.listen(0, LOOPBACK, ready));
  return {
    url: local((server.address() as AddressInfo).port),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((done) => server.close(() => done()));
    },
  };
}

/** What a rebuild does to the host: every content-hashed file under a new name (the old ones
 *  gone, as an atomic deploy leaves them), the pages naming them and marked, a new sw.js. (The
 *  search index's entry still names its shards by their old names: no search runs here.) */
function deploy(root: string) {
  const hashed = new RegExp(`${HASH}(?=\\.)`, 'g');
  const reversed = (digits: string) => [...digits].reverse().join('');
  const renamed = (text: string) => text.replace(hashed, (hash) => hash.replace(/[0-9a-f]+/, reversed));
  for (const dir of [root, join(root, 'search')]) {
    for (const name of readdirSync(dir)) {
      if (hashed.test(name)) renameSync(join(dir, name), join(dir, renamed(name)));
      hashed.lastIndex = 0;
    }
  }
  const pages = ['index.html', 'chef-projet-digital.html', '404.html'].map((page) => ({
    page,
    html: renamed(readFileSync(join(root, page), 'utf8')).replace('</head>', '<meta name="deploy" content="2"></head>'),
  }));
  // The loader reads the files' names from the page's data block, which is not a script: its
  // hash, and the policy, stay as they are.
  for (const { page, html } of pages) writeFileSync(join(root, page), html);
  const sw = readFileSync(join(root, 'sw.js'), 'utf8');
  const next = renamed(sw).replace(/"version":"[0-9a-f]{16}"/, '"version":"deploy2"');
  expect(next).toContain('"version":"deploy2"');
  writeFileSync(join(root, 'sw.js'), next);
}

test.describe('a new deploy', () => {
  test('is taken on the next load, then read offline, never mixed with the old one', async ({ page }) => {
    const root = mkdtempSync(join(tmpdir(), 'cpd-deploy-'));
    cpSync(SITES.app.dist, root, { recursive: true });
    const site = await serve(root);
    try {
      await page.goto(`${site.url}${ARTICLE}`);
      await appReady(page);
      await controlled(page);
      const first = await page.evaluate(() => caches.keys());
      expect(first).toHaveLength(1);

      const old = new Set(
        [...readFileSync(join(root, 'sw.js'), 'utf8').matchAll(new RegExp(`${HASH}(?=\\.)`, 'g'))].map((m) => m[0]),
      );
      deploy(root);
      const hashed: string[] = [];
      page.on('request', (r) => new RegExp(`${HASH}\\.`).test(r.url()) && hashed.push(r.url()));
      await page.reload();
      // The new pages, with the new assets: the old ones no longer exist on the host.
      await expect(page.locator('meta[name="deploy"]')).toHaveAttribute('content', '2');
      await appReady(page);
      expect(hashed.length).toBeGreaterThan(0);
      expect(hashed.filter((url) => [...old].some((hash) => url.includes(hash)))).toEqual([]);
      // The new worker takes over and deletes the old deploy's cache.
      await expect
        .poll(() => page.evaluate(() => caches.keys()), { timeout: 15_000 })
        .toEqual([expect.stringMatching(/:deploy2$/)]);
      await page.waitForFunction(async () => (await navigator.serviceWorker.ready).active === navigator.serviceWorker.controller);

      // The host is gone altogether: everything comes from the new deploy's cache.
      await site.close();
      await page.reload();
      await expect(page.locator('meta[name="deploy"]')).toHaveAttribute('content', '2');
      await readAndNavigate(page, 'missions');
    } finally {
      await site.close().catch(() => {});
      rmSync(root, { recursive: true, force: true });
    }
  });
});
