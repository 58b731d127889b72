// Page-to-page navigation on the fixture site: a click on a site-menu link loads the next page
// (plain navigation; the in-page router only follows #anchor links). For each run, from the
// click to the new page's first contentful paint, to its title focused, and to its islands
// hydrated (the `cpd:interactive` mark). Usage: node page-nav.mjs BASE_URL RUNS OUT.json
import { chromium } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';

const [base, runsArg, out] = process.argv.slice(2);
const runs = Number(runsArg ?? 10);
const args = readFileSync('scripts/chromium-flags.txt', 'utf8').split('\n').filter(Boolean);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = {};
for (const worker of ['block', 'allow']) {
  const context = await browser.newContext({ serviceWorkers: worker, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const rows = [];
  for (let i = 0; i < runs + 1; i++) {
    await page.goto(`${base}/`);
    await page.waitForFunction(() => document.documentElement.dataset.app === 'ready');
    if (worker === 'allow') await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const clicked = await page.evaluate(() => performance.timeOrigin + performance.now());
    await page.getByRole('navigation', { name: 'Pages du site' }).getByRole('link', { name: 'Guide de la syntaxe' }).click();
    await page.waitForFunction(() => document.documentElement.dataset.app === 'ready');
    const t = await page.evaluate(() => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
      const ready = performance.getEntriesByName('cpd:interactive')[0]?.startTime ?? NaN;
      return { origin: performance.timeOrigin, fcp, ready, focused: document.activeElement?.tagName };
    });
    // The first run warms the caches; it is not counted.
    if (i > 0) rows.push({ fcp: t.origin + t.fcp - clicked, ready: t.origin + t.ready - clicked, focused: t.focused });
  }
  results[worker === 'allow' ? 'service worker' : 'HTTP cache only'] = {
    runs: rows.length,
    'click → first contentful paint, ms (median)': Math.round(median(rows.map((r) => r.fcp))),
    'click → islands hydrated, ms (median)': Math.round(median(rows.map((r) => r.ready))),
    'focus on the h1': rows.every((r) => r.focused === 'H1'),
  };
  await context.close();
}
await browser.close();
console.log(JSON.stringify(results, null, 2));
if (out) writeFileSync(out, JSON.stringify(results, null, 2));
