// Page-to-page navigation on the fixture site: a site-menu link hovered, then clicked, as a
// person does (the pointer rests on it HOVER_MS, 300 ms, first), loads the next page (plain
// navigation; the in-page router only follows #anchor links). For each run, from the click to
// the new page painted (its first contentful paint, or, for a page the browser prerendered on
// the hover, the moment it was shown: its activation), whether it was prerendered, its title
// focused, and its islands hydrated (the `cpd:interactive` mark, or the activation if they were
// up before). Chromium prerenders nothing while DevTools drives it (`PrerenderingDisabledByDevTools`),
// so here the speculation rules only prefetch the document: what a reader gets, prerendering,
// cannot be timed this way. Usage: node page-nav.mjs BASE_URL RUNS OUT.json
import { chromium } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { median as medianOf } from './stats.mjs';

const [base, runsArg, out] = process.argv.slice(2);
const runs = Number(runsArg ?? 10);
const args = readFileSync('scripts/chromium-flags.txt', 'utf8').split('\n').filter(Boolean);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args });
// Of an even count of runs, the upper middle one: a time one run gave.
const median = (xs) => medianOf(xs, { observed: true });
const HOVER_MS = 300;
const results = {};
for (const worker of ['block', 'allow']) {
  const context = await browser.newContext({ serviceWorkers: worker, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const rows = [];
  for (let i = 0; i < runs + 1; i++) {
    await page.goto(`${base}/`);
    await page.waitForFunction(() => document.documentElement.dataset.app === 'ready');
    if (worker === 'allow') await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const link = page.getByRole('navigation', { name: 'Pages du site' }).getByRole('link', { name: 'Guide de la syntaxe' });
    await link.hover();
    await new Promise((rest) => setTimeout(rest, HOVER_MS));
    const clicked = await page.evaluate(() => performance.timeOrigin + performance.now());
    await link.click();
    await page.waitForFunction(() => document.documentElement.dataset.app === 'ready' && !document.prerendering);
    const t = await page.evaluate(() => {
      const shown = performance.getEntriesByType('navigation')[0]?.activationStart ?? 0;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
      const ready = performance.getEntriesByName('cpd:interactive')[0]?.startTime ?? NaN;
      return {
        origin: performance.timeOrigin,
        painted: Math.max(fcp, shown),
        ready: Math.max(ready, shown),
        prerendered: shown > 0,
        prefetched: performance.getEntriesByType('navigation')[0]?.deliveryType === 'navigational-prefetch',
        focused: document.activeElement?.tagName,
      };
    });
    // The first run warms the caches; it is not counted.
    if (i > 0) {
      rows.push({
        painted: t.origin + t.painted - clicked,
        ready: t.origin + t.ready - clicked,
        prerendered: t.prerendered,
        prefetched: t.prefetched,
        focused: t.focused,
      });
    }
  }
  results[worker === 'allow' ? 'service worker' : 'HTTP cache only'] = {
    runs: rows.length,
    'click → page painted, ms (median)': Math.round(median(rows.map((r) => r.painted))),
    'click → islands hydrated, ms (median)': Math.round(median(rows.map((r) => r.ready))),
    prerendered: `${rows.filter((r) => r.prerendered).length}/${rows.length}`,
    'document prefetched': `${rows.filter((r) => r.prefetched).length}/${rows.length}`,
    'focus on the h1': rows.every((r) => r.focused === 'H1'),
  };
  await context.close();
}
await browser.close();
console.log(JSON.stringify(results, null, 2));
if (out) writeFileSync(out, JSON.stringify(results, null, 2));
