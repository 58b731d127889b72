// A first visit, timed: RUNS loads of BASE_URL/ in a fresh browser context each (empty HTTP
// cache, no service worker), as Chromium reports them: time to first byte, first contentful
// paint, the islands hydrated (`cpd:interactive`), and the bytes the page and what it loads
// took on the wire. Usage: node first-load.mjs BASE_URL RUNS OUT.json
import { chromium } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { median as medianOf } from './stats.mjs';

const [base, runsArg, out] = process.argv.slice(2);
const runs = Number(runsArg ?? 5);
const args = readFileSync('scripts/chromium-flags.txt', 'utf8').split('\n').filter(Boolean);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args });
// Of an even count of runs, the upper middle one: a time or a count one load gave.
const median = (xs) => medianOf(xs, { observed: true });
const rows = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await page.waitForFunction(() => document.documentElement.dataset.app === 'ready');
  rows.push(
    await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const resources = performance.getEntriesByType('resource');
      return {
        ttfb: nav.responseStart,
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
        ready: performance.getEntriesByName('cpd:interactive')[0]?.startTime ?? NaN,
        bytes: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
        encoded: [nav, ...resources].filter((r) => r.encodedBodySize < r.decodedBodySize).length,
        files: 1 + resources.length,
      };
    }),
  );
  await context.close();
}
await browser.close();
const result = {
  runs,
  'time to first byte, ms (median)': Math.round(median(rows.map((r) => r.ttfb))),
  'first contentful paint, ms (median)': Math.round(median(rows.map((r) => r.fcp))),
  'islands hydrated, ms (median)': Math.round(median(rows.map((r) => r.ready))),
  'bytes on the wire (median)': median(rows.map((r) => r.bytes)),
  'files compressed / loaded': `${median(rows.map((r) => r.encoded))}/${median(rows.map((r) => r.files))}`,
};
console.log(JSON.stringify(result, null, 2));
if (out) writeFileSync(out, JSON.stringify(result, null, 2));
