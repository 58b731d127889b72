// Browser measurements for scripts/bench.sh, with Playwright driving Debian's Chromium (never a
// downloaded browser):
//   - transfer: every response a cold first visit gets (the page's, then a service worker's
//     install if the page registers one), mapped back to its file in the served directory, so
//     the brotli and gzip sizes are the exact bytes nginx sends (the .br/.gz beside each file);
//     the network's own encoded size is kept as a check that brotli was served; and the
//     page's islands (`<leptos-island>`, each hydrated on its own), by component;
//   - loads: over LOADS cold loads (fresh context each), first and largest contentful paint and
//     (if the site has a script) the `cpd:interactive` mark's startTime;
//   - nav (sites with `nav: true`): click on a contents link → focus on the target heading,
//     timed inside the page, over CLICKS clicks; the links are the page's own, checked against
//     the contents of the article's model when the site names one (`model`).
// Usage: node scripts/bench/measure.mjs CONFIG.json OUT.json
//   CONFIG: { loads, clicks, sites: [{ name, url, dir, interactive, nav, model? }] }
import { chromium } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

const [configPath, outPath] = process.argv.slice(2);
const config = JSON.parse(fs.readFileSync(configPath, 'utf8'));

// The same flags as the end-to-end tests (one list for every tool: scripts/chromium-flags.txt).
const flags = fs.readFileSync(new URL('../chromium-flags.txt', import.meta.url), 'utf8').split('\n').filter(Boolean);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: flags,
});
// Desktop, so the article's side outline (if any) is on screen for the navigation test.
const viewport = { width: 1280, height: 800 };

const size = (file) => (fs.existsSync(file) ? fs.statSync(file).size : null);

function kindOf(pathname, contentType) {
  const ext = path.extname(pathname).toLowerCase();
  if (ext === '.wasm' || contentType.includes('wasm')) return 'wasm';
  if (ext === '.js' || ext === '.mjs' || contentType.includes('javascript')) return 'js';
  if (ext === '.css' || contentType.includes('css')) return 'css';
  if (ext === '.json' || contentType.includes('json')) return 'json';
  if (ext === '.html' || ext === '' || contentType.includes('html')) return 'html';
  return 'other';
}

// Waits until the page is settled: the app's ready flag when it has one, then no network for
// 500 ms (so anything fetched after hydration is counted too).
async function settle(page, site) {
  if (site.interactive) {
    await page.waitForSelector('html[data-app="ready"]', { state: 'attached', timeout: 30_000 });
  }
  await page.waitForLoadState('networkidle', { timeout: 30_000 });
}

// A page that registers a service worker makes the first visit download more in the
// background: its install precaches files. Playwright does not report a worker's own fetches
// with this Chromium, so they are read from the worker's Resource Timing once it is active.
// There, a full download has transferSize = body + 300, a revalidation (304) exactly 300, a
// cache hit 0. Returns null when the page registers no worker.
async function workerFetches(page, context) {
  const registered = await page.evaluate(async () => {
    if (!('serviceWorker' in navigator)) return false;
    const registration = await navigator.serviceWorker.getRegistration();
    if (!registration) return false;
    await Promise.race([navigator.serviceWorker.ready, new Promise((r) => setTimeout(r, 20_000))]);
    return true;
  });
  if (!registered) return null;
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 10_000 }));
  const read = () =>
    worker.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => ({
        url: e.name,
        body: e.transferSize > 300 ? e.encodedBodySize : 0,
      })),
    );
  // Until nothing new arrives for a second: the install's fetches run in parallel.
  let entries = await read();
  for (let before = -1; before !== entries.length; ) {
    before = entries.length;
    await page.waitForTimeout(1_000);
    entries = await read();
  }
  // The worker's own script, which the registration downloaded (absent from both lists).
  return [{ url: worker.url(), body: null }, ...entries];
}

async function transfer(site) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const responses = [];
  page.on('response', (r) => responses.push(r));
  await page.goto(site.url, { waitUntil: 'load' });
  await settle(page, site);
  // Counted once hydrated, as the reader's browser has them (the build names each component
  // with a hash suffix, dropped here).
  const islands = await page.evaluate(() =>
    [...document.querySelectorAll('leptos-island')].map((i) => (i.dataset.component ?? '?').replace(/_\d+$/, '')),
  );
  const fromWorker = await workerFetches(page, context);
  // The brotli and gzip bytes nginx sends for a URL of this site (a 304 sends none).
  const sizes = (pathname, status) => {
    let rel = decodeURIComponent(pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(site.dir, rel);
    const body = (f) => (status === 304 ? 0 : size(f));
    return { path: rel, raw: body(file), br: body(`${file}.br`), gz: body(`${file}.gz`) };
  };
  const files = [];
  for (const response of responses) {
    const url = new URL(response.url());
    if (!url.protocol.startsWith('http')) continue; // data: URLs cost nothing on the wire
    // Answered by the service worker: no bytes on the wire for this request.
    if (response.fromServiceWorker()) continue;
    const headers = await response.allHeaders();
    const wire = await response.request().sizes().catch(() => ({ responseBodySize: null }));
    const file = sizes(url.pathname, response.status());
    files.push({
      ...file,
      status: response.status(),
      by: 'page',
      kind: kindOf(file.path, headers['content-type'] ?? ''),
      encoding: headers['content-encoding'] ?? 'identity',
      wire: wire.responseBodySize,
    });
  }
  for (const entry of fromWorker ?? []) {
    const url = new URL(entry.url);
    const file = sizes(url.pathname, entry.body === 0 ? 304 : 200);
    // 304: revalidated or already cached, so not downloaded again.
    files.push({ ...file, status: entry.body === 0 ? 304 : 200, by: 'service-worker', kind: kindOf(file.path, ''), wire: entry.body });
  }
  await context.close();
  return { worker: fromWorker !== null, files, islands };
}

// Cold loads: when the page first painted, when its largest paint happened, and (sites with a
// script) when it became interactive, all from navigation start, unthrottled.
async function loads(site) {
  const samples = [];
  for (let i = 0; i < (config.loads ?? config.runs); i++) {
    // A fresh context is a cold cache: every run is a first visit.
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(site.url, { waitUntil: 'load' });
    let interactive = null;
    if (site.interactive) {
      await page.waitForFunction(() => performance.getEntriesByName('cpd:interactive').length > 0, null, {
        timeout: 30_000,
      });
      interactive = await page.evaluate(() => performance.getEntriesByName('cpd:interactive')[0].startTime);
    }
    // Both through buffered observers: the entries may land a frame after `load`.
    const paint = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const seen = { fcp: null, lcp: null };
          const done = () => seen.fcp !== null && seen.lcp !== null && resolve(seen);
          new PerformanceObserver((list) => {
            const fcp = list.getEntriesByName('first-contentful-paint')[0];
            if (fcp) seen.fcp = fcp.startTime;
            done();
          }).observe({ type: 'paint', buffered: true });
          new PerformanceObserver((list) => {
            const entries = list.getEntries();
            seen.lcp = entries[entries.length - 1].startTime;
            done();
          }).observe({ type: 'largest-contentful-paint', buffered: true });
          setTimeout(() => resolve(seen), 3_000);
        }),
    );
    samples.push({ interactive, ...paint });
    await context.close();
  }
  return samples;
}

// The contents links: by role and name first (the page's layout is allowed to change), the
// markup the article has always had as a fallback. Only visible ones, as a reader would click.
async function tocLinks(page) {
  const candidates = [
    page.getByRole('navigation', { name: 'Sommaire', exact: true }),
    page.locator('nav[aria-labelledby="toc-title"]'),
  ];
  for (const navs of candidates) {
    for (const nav of await navs.all()) {
      if (!(await nav.isVisible())) continue;
      const links = [];
      for (const link of await nav.locator('a[href^="#"]').all()) {
        if (await link.isVisible()) links.push(link);
      }
      if (links.length >= 2) return links;
    }
  }
  throw new Error('no visible table of contents with at least two #links');
}

async function navigation(site) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(site.url, { waitUntil: 'load' });
  await page.waitForSelector('html[data-app="ready"]', { state: 'attached', timeout: 30_000 });
  // Timed inside the page so Playwright's own latency is not counted: the capture-phase click
  // listener on document runs before the router's; focusin fires when the heading is focused.
  await page.evaluate(() => {
    const bench = (window.__navBench = { t0: null, expect: null, took: null });
    document.addEventListener('click', () => { bench.t0 = performance.now(); }, true);
    document.addEventListener('focusin', (event) => {
      if (bench.t0 !== null && event.target.id === bench.expect) {
        bench.took = performance.now() - bench.t0;
        bench.t0 = null;
      }
    });
  });
  const links = await tocLinks(page);
  const targets = [];
  for (const link of links) targets.push(decodeURIComponent((await link.getAttribute('href')).slice(1)));
  const samples = [];
  const misses = [];
  for (let i = 0; i < config.clicks; i++) {
    // Cycling through the links never clicks the current section twice in a row (a no-op).
    const k = i % links.length;
    await page.evaluate((id) => Object.assign(window.__navBench, { expect: id, took: null, t0: null }), targets[k]);
    await links[k].click();
    try {
      await page.waitForFunction(() => window.__navBench.took !== null, null, { timeout: 5_000 });
      samples.push(await page.evaluate(() => window.__navBench.took));
    } catch {
      misses.push(targets[k]);
    }
  }
  await context.close();
  // The model's contents, when there is one: a link the page lacks (or has more of) is a
  // section this benchmark would silently stop clicking.
  let model = null;
  if (site.model && fs.existsSync(site.model)) {
    const toc = JSON.parse(fs.readFileSync(site.model, 'utf8')).toc ?? [];
    const anchors = toc.map((t) => t.anchor);
    model = {
      path: site.model,
      labels: Object.fromEntries(toc.map((t) => [t.anchor, t.label])),
      matches: anchors.length === targets.length && anchors.every((a, i) => a === targets[i]),
    };
  }
  return { sections: targets, samples, misses, model };
}

const out = { loads: config.loads ?? config.runs, clicks: config.clicks, viewport, sites: {} };
for (const site of config.sites) {
  const result = { url: site.url };
  result.transfer = await transfer(site);
  result.loads = await loads(site);
  if (site.nav) result.nav = await navigation(site);
  out.sites[site.name] = result;
  console.error(`measured ${site.name}`);
}
await browser.close();
fs.writeFileSync(outPath, JSON.stringify(out, null, 2));
