// The owner's edit loop, timed in a browser: a page of the site served by scripts/serve.sh is
// open; a Markdown file is saved with a change; the time from the save to the first paint of
// the reloaded page that shows it. Two kinds of edit, EDITS times each: a paragraph added at the
// end of the file, and the page's title changed (which the site menu, the lists, the feed and
// the search index name too). The file is restored after each edit, and the page's reload for
// the restore awaited before the next edit. Usage: node edit-loop.mjs URL FILE EDITS OUT.json
import { chromium } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { median } from './stats.mjs';

const [url, file, editsArg, out] = process.argv.slice(2);
const edits = Number(editsArg ?? 10);
const args = readFileSync('scripts/chromium-flags.txt', 'utf8').split('\n').filter(Boolean);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args });
const page = await browser.newPage();
const original = readFileSync(file, 'utf8');
const title = /^title: *(.*)$/m.exec(original);
const heading = /^# .*$/m.exec(original);
if (!title || !heading) throw new Error(`${file}: no title: in its front matter, or no # heading`);

// The wall-clock time the page now shown was first painted, once `text` is in its main part
// (not in a build error's overlay, which quotes the file).
const shows = (t) => document.querySelector('main')?.textContent.includes(t);
const paintedWith = async (text) => {
  await page.waitForFunction(shows, text, { polling: 'raf', timeout: 30000 });
  return page.evaluate(async () => {
    const paint = () => performance.getEntriesByName('first-paint')[0];
    while (!paint()) await new Promise(requestAnimationFrame);
    return { reload: performance.timeOrigin, painted: performance.timeOrigin + paint().startTime };
  });
};

const kinds = {
  paragraph: (mark) => `${original.trimEnd()}\n\n${mark}\n`,
  // The `#` heading and the front matter's title say the same, or the build refuses the page.
  title: (mark) => original.replace(title[0], `title: "${mark}"`).replace(heading[0], `# ${mark}`),
};
const results = {};
try {
  await page.goto(url);
  for (const [kind, edit] of Object.entries(kinds)) {
    const times = [];
    const reloads = [];
    for (let i = 0; i < edits; i++) {
      const mark = `Mesure ${kind} ${i} ${Date.now()}`;
      const saved = Date.now();
      writeFileSync(file, edit(mark));
      const { reload, painted } = await paintedWith(mark);
      times.push(painted - saved);
      reloads.push(reload - saved);
      writeFileSync(file, original);
      await page.waitForFunction((m) => !document.querySelector('main')?.textContent.includes(m), mark, { polling: 100, timeout: 30000 });
    }
    // The part before the reload is the server's (the save seen, the rebuild, the event), the
    // rest the browser's (the page loaded and painted).
    results[kind] = {
      median_ms: Math.round(median(times)),
      times_ms: times.map(Math.round),
      reload_median_ms: Math.round(median(reloads)),
    };
    const r = results[kind];
    console.log(`${kind}: median ${r.median_ms} ms from the save to the new text painted, of which ${r.reload_median_ms} ms to the reload (${r.times_ms.join(', ')})`);
  }
} finally {
  writeFileSync(file, original);
  await browser.close();
}
writeFileSync(out, JSON.stringify(results, null, 2));
