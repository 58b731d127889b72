// Browser part of `scripts/bench.sh search` (scripts/bench/search.sh serves the sites): the site's
// search against Pagefind 1.6's, in Debian's Chromium (never a downloaded browser), unthrottled.
//   - cold (RUNS times, a fresh context each: empty cache, service workers blocked): the page
//     loaded and ready, then from the first pointer event of the click on the bar's search button
//     (so the button's hover preload is inside) to the frame painted after the results of a
//     two-word query appear; the query goes in as one input event (`keyboard.insertText`), once
//     the search field has focus. Every request started in between is listed: bytes as nginx
//     sends them (the .br beside the file when the answer was brotli), round trips (waves: a
//     request started while none is in flight opens the next one);
//   - keystrokes (RUNS times, 1,000 pages): after a warm-up query, queries typed a letter at a
//     time (a space goes in with the letter after it, so each keystroke changes the query), each
//     timed from its input event to the frame painted after the results list is updated (and,
//     apart, to the update itself: the paint waits for the display's next frame, up to 16.7 ms,
//     measured alone by typing the same keys into a bare field);
//   - recall@3 on the test set (tests/fixtures/search/queries.tsv): ours through the dialog (the
//     first three links), Pagefind through its JS API;
//   - the index's size on the generated sites.
// Results painted: ours, the dialog's status says how many (a number, or none) after its list
// or status changed; Pagefind's Default UI, its message ends with the query and no result is
// still loading. Timed inside the page (performance.now), so the driver's latency is not in.
// Usage: node scripts/bench/search.mjs CONFIG.json OUT.json (CONFIG: written by search.sh)
import { chromium } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { median, percentile } from './stats.mjs';

const [configPath, outPath] = process.argv.slice(2);
const config = JSON.parse(fs.readFileSync(configPath, 'utf8'));
const runs = config.runs;

// Two-word queries of mid-frequency French words (ranks 300 to 1,200 of
// tests/fixtures/vocabulary/fr.tsv) for the generated site: the first is the cold query, all
// are typed for the keystrokes.
const GENERATED_QUERIES = [
  'voix gauche',
  'armée soleil',
  'banque crise',
  'valeur domaine',
  'paix membre',
  'club course',
  'projets publics',
  'vieux mains',
  'appel février',
  'ancien passé',
];
// The fixture's cold query: two words of its test set.
const FIXTURE_QUERY = 'tableaux larges';

const flags = fs.readFileSync(new URL('../chromium-flags.txt', import.meta.url), 'utf8').split('\n').filter(Boolean);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: flags });
const viewport = { width: 1280, height: 800 };
const newContext = () => browser.newContext({ viewport, serviceWorkers: 'block' });

const fail = (message) => {
  throw new Error(message);
};
const size = (file) => (fs.existsSync(file) ? fs.statSync(file).size : null);

// A site's pages, ours and Pagefind's harness. `lang`: the harness page's language, which
// decides the index Pagefind searches.
const site = (name) => config.sites[name];
const oursUrl = (name) => `${site(name).origin}${site(name).base}${site(name).page}`;
const pagefindUrl = (name, lang) => `${site(name).origin}${site(name).base}pagefind-bench.html?lang=${lang}`;

// The language of a built page (its <html lang>), by its address under the site's base.
function langOf(name, address) {
  let rel = address.split('#')[0].replace(/^\//, '');
  rel += rel === '' || rel.endsWith('/') ? 'index.html' : '.html';
  const file = path.join(site(name).dir, site(name).base, rel);
  const html = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : fail(`no page ${file} for ${address}`);
  return html.match(/<html[^>]*\blang="([^"]+)"/)?.[1] ?? 'fr';
}

// ---- in the page ---------------------------------------------------------------------------------
// Installed once the page is ready. `engine`: 'ours' or 'pagefind'.
function instrument(engine) {
  const bench = (window.__bench = { t0: null });
  for (const type of ['pointerover', 'pointerdown', 'mousedown', 'focusin', 'click', 'keydown']) {
    addEventListener(type, () => (bench.t0 ??= performance.now()), { capture: true });
  }
  bench.focused = new Promise((resolve) => {
    const check = (event) => event.target.matches?.('input') && resolve(performance.now());
    document.addEventListener('focusin', check, true);
  });
  // The results' state once final, or null while a search is under way.
  const final =
    engine === 'ours'
      ? () => {
          const dialog = [...document.querySelectorAll('dialog')].find((d) => d.open);
          const status = dialog?.querySelector('[role=status]')?.textContent.trim() ?? '';
          // A count or "none": not empty (no query yet), not a progress or failure line.
          if (!/\d|aucun|^no /i.test(status)) return null;
          return { status, links: dialog.querySelectorAll('ul a[href]').length };
        }
      : () => {
          const input = document.querySelector('.pagefind-ui__search-input');
          const status = document.querySelector('.pagefind-ui__message')?.textContent.trim() ?? '';
          const term = input?.value.trim();
          if (!term || !status.endsWith(` ${term}`)) return null;
          if (document.querySelector('.pagefind-ui__results .pagefind-ui__loading')) return null;
          return { status, links: document.querySelectorAll('.pagefind-ui__results .pagefind-ui__result-link').length };
        };
  // Ours: only a change of the dialog's status line or list counts (the previous query's
  // results are final too). Pagefind's message names the query, so any change may end a wait.
  const relevant =
    engine === 'ours'
      ? (records) =>
          records.some((r) => {
            const node = r.target.nodeType === 1 ? r.target : r.target.parentElement;
            return node?.closest?.('dialog [role=status], dialog ul');
          })
      : () => true;
  let waiting = null;
  // The next final state after now, and the paint after it: { dom, painted, ...state }.
  bench.arm = () => {
    let resolve;
    const promise = new Promise((r) => (resolve = r));
    waiting = { resolve, input: null };
    bench.next = promise;
  };
  document.addEventListener(
    'input',
    (event) => {
      if (waiting && waiting.input === null) waiting.input = event.timeStamp;
    },
    true,
  );
  new MutationObserver((records) => {
    if (!waiting || !relevant(records)) return;
    const state = final();
    if (!state) return;
    const { resolve, input } = waiting;
    waiting = null;
    const dom = performance.now();
    requestAnimationFrame(() => setTimeout(() => resolve({ input, dom, painted: performance.now(), ...state })));
  }).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
}

// Waits for a promise of the page's bench object, at most `ms`.
const awaitInPage = (page, key, ms, what) =>
  page
    .evaluate(
      ([key, ms]) =>
        Promise.race([window.__bench[key], new Promise((resolve) => setTimeout(() => resolve(null), ms))]),
      [key, ms],
    )
    .then((value) => value ?? fail(`${what}: nothing after ${ms / 1000} s`));

async function openPage(context, url, engine) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // The search's own errors only: the generated sites' pages carry the staging template's
  // placeholder integrity for their main stylesheet and link icons they lack.
  page.on('console', (m) => {
    const text = `${m.text()} ${m.location().url ?? ''}`;
    if (m.type() === 'error' && /\/search\/|pagefind/i.test(text)) errors.push(text);
  });
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response?.ok()) fail(`${url}: HTTP ${response?.status()}`);
  await page.waitForSelector('html[data-app="ready"]', { state: 'attached', timeout: 30_000 });
  // Nothing of the page's own loading left in flight when the clock starts.
  await page.waitForLoadState('networkidle', { timeout: 30_000 });
  await page.evaluate(instrument, engine);
  // From here on (search, not the page's own loading), every main-thread task over 50 ms.
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration))).observe({
      type: 'longtask',
    });
  });
  return { page, errors };
}

// The main-thread tasks over 50 ms since the page was ready.
const longTasks = (page) => page.evaluate(() => window.__longTasks);

async function openSearch(page, what) {
  await page.getByRole('button', { name: /^(Rechercher|Search)$/ }).click();
  return awaitInPage(page, 'focused', 15_000, `${what}: the search field never got focus`);
}

// Types `text` as one input event and waits for its results, painted. `delay`, ms: a wait in
// the page before the key, so that keys land anywhere in a frame as a reader's do, not where the
// driver's last wait (a frame, then a task) left off.
async function answer(page, text, what, delay = 0) {
  await page.evaluate((delay) => new Promise((armed) => setTimeout(() => armed(window.__bench.arm()), delay)), delay);
  await page.keyboard.insertText(text);
  return awaitInPage(page, 'next', 15_000, `${what}: no results shown for "${text}"`);
}

// The bytes nginx sent for a response: the precompressed twin it picked, else the file.
function servedBytes(dir, url, encoding) {
  let rel = decodeURIComponent(new URL(url).pathname);
  if (rel.endsWith('/')) rel += 'index.html';
  else if (!path.extname(rel)) rel += '.html';
  const file = path.join(dir, rel);
  const twin = { br: `${file}.br`, gzip: `${file}.gz` }[encoding];
  return (twin && size(twin)) ?? size(file) ?? fail(`${url}: no file ${file}`);
}

// Requests started before `until` (epoch ms), one per address (a preload and the fetch that
// uses it are one transfer), with their bytes and round-trip wave.
async function transfers(requests, until, dir) {
  const seen = new Map();
  for (const request of requests) {
    if (!request.url().startsWith('http')) continue;
    const response = await request.response();
    // Cancelled (a search overtaken by the next one): nothing counted.
    if (!response) continue;
    await response.finished();
    const timing = request.timing();
    if (timing.startTime > until) continue;
    if (seen.has(request.url())) continue;
    const headers = await response.allHeaders();
    const encoding = headers['content-encoding'] ?? 'identity';
    const wire = await request.sizes().then((s) => s.responseBodySize, () => null);
    seen.set(request.url(), {
      path: new URL(request.url()).pathname,
      status: response.status(),
      encoding,
      bytes: response.status() === 304 ? 0 : servedBytes(dir, request.url(), encoding),
      wire,
      start: timing.startTime,
      end: timing.startTime + Math.max(timing.responseEnd, 0),
    });
  }
  // A request started while none was in flight opens a wave: the requests one step issues
  // together, started a few ms apart, are one round trip.
  const list = [...seen.values()].sort((a, b) => a.start - b.start);
  let [wave, busyUntil] = [0, -Infinity];
  for (const r of list) {
    if (r.start > busyUntil) wave++;
    r.wave = wave;
    busyUntil = Math.max(busyUntil, r.end);
  }
  return list;
}

// ---- cold: open, type, results --------------------------------------------------------------------
async function cold(name, engine, query) {
  const lang = langOf(name, '/');
  const url = engine === 'ours' ? oursUrl(name) : pagefindUrl(name, lang);
  const what = `${engine} on ${name}`;
  const context = await newContext();
  const { page, errors } = await openPage(context, url, engine);
  const requests = [];
  page.on('request', (r) => requests.push(r));
  const origin = await page.evaluate(() => performance.timeOrigin);
  await openSearch(page, what);
  const shown = await answer(page, query, what);
  if (shown.links === 0) fail(`${what}: "${query}" found nothing (${shown.status})`);
  const t0 = await page.evaluate(() => window.__bench.t0);
  const files = await transfers(requests, origin + shown.painted, site(name).dir);
  const long = await longTasks(page);
  await context.close();
  if (errors.length) fail(`${what}: errors in the page: ${errors.join(' | ')}`);
  // The network's own count, where Chromium gives it (not for a worker's script), as a check
  // that each answer is sized by the file nginx sent.
  for (const f of files.filter((f) => f.wire > 0 && f.wire !== f.bytes)) {
    console.error(`search bench: ${what}: ${f.path}: ${f.wire} bytes on the wire, ${f.bytes} in the ${f.encoding} file`);
  }
  const code = files.filter((f) => /\.(js|wasm|css)$|\/wasm\.[a-z]+\.pagefind$/.test(f.path));
  return {
    ms: shown.painted - t0,
    dom: shown.dom - t0,
    bytes: files.reduce((s, f) => s + f.bytes, 0),
    codeBytes: code.reduce((s, f) => s + f.bytes, 0),
    wire: files.reduce((s, f) => s + (f.wire ?? 0), 0),
    waves: Math.max(0, ...files.map((f) => f.wave)),
    requests: files.length,
    status: shown.status,
    long,
    files,
  };
}

// The waits before each key, 0 to 16.7 ms (a frame): the same sequence for every session, so
// ours, Pagefind and the bare field are typed alike.
function keyDelays() {
  let seed = 1;
  return {
    next() {
      seed = (seed * 48271) % 2147483647;
      return (seed / 2147483647) * (1000 / 60);
    },
  };
}

// ---- keystrokes -----------------------------------------------------------------------------------
async function keystrokes(name, engine, queries) {
  const lang = langOf(name, '/');
  const url = engine === 'ours' ? oursUrl(name) : pagefindUrl(name, lang);
  const what = `${engine} keystrokes on ${name}`;
  const context = await newContext();
  const { page, errors } = await openPage(context, url, engine);
  let fetched = 0;
  page.on('request', () => fetched++);
  await openSearch(page, what);
  // Warm-up: the search's code and index entry loaded, one query answered.
  await answer(page, queries[0], what);
  const samples = [];
  const delays = keyDelays();
  for (const query of queries) {
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Backspace');
    await page.waitForFunction(
      (engine) =>
        engine === 'ours'
          ? !document.querySelector('dialog[open] ul a') &&
            !document.querySelector('dialog[open] [role=status]')?.textContent.trim()
          : !document.querySelector('.pagefind-ui__result') && !document.querySelector('.pagefind-ui__message')?.textContent.trim(),
      engine,
      { timeout: 15_000 },
    );
    // Letters one at a time; a space with the letter after it.
    for (const key of query.match(/\s*\S/g)) {
      const before = fetched;
      // Ours: whether the whole index was in when the key was typed.
      const whole = engine === 'ours' && (await page.evaluate(() => !!document.querySelector('dialog[data-index=whole]')));
      const shown = await answer(page, key, what, delays.next());
      samples.push({
        query,
        key,
        ms: shown.painted - shown.input,
        dom: shown.dom - shown.input,
        links: shown.links,
        fetched: fetched - before,
        whole,
      });
    }
  }
  const long = await longTasks(page);
  // Ours: the same keys into a bare field, on a second page of the same site.
  const floor = engine === 'ours' ? await frameFloor(context, url, samples.map((s) => s.key)) : [];
  await context.close();
  if (errors.length) fail(`${what}: errors in the page: ${errors.join(' | ')}`);
  return Object.assign(samples, { long, floor });
}

// The display's share of a keystroke's time: `keys` typed into a bare field whose input handler
// only writes one text node, each timed as results are (its input event → the frame after the
// update). A keystroke lands anywhere in a frame of 16.7 ms and its update is painted at the next
// one, so this is what no search code can take off the painted time.
async function frameFloor(context, url, keys) {
  const { page } = await openPage(context, url, 'ours');
  await page.evaluate(() => {
    const field = document.createElement('input');
    field.setAttribute('aria-label', 'bench');
    const shown = document.createElement('output');
    document.body.append(field, shown);
    const bench = window.__bench;
    bench.arm = () => {
      bench.next = new Promise((resolve) => (bench.resolve = resolve));
    };
    field.addEventListener('input', (event) => {
      shown.textContent = field.value;
      requestAnimationFrame(() => setTimeout(() => bench.resolve(performance.now() - event.timeStamp)));
    });
    field.focus();
  });
  // Driven as the dialog is, with the same waits before the keys.
  const samples = [];
  const delays = keyDelays();
  for (const key of keys) samples.push(await answer(page, key, 'the bare field', delays.next()));
  return samples;
}

// ---- recall@3 on the test set ---------------------------------------------------------------------
const testSet = fs
  .readFileSync(config.queries, 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => {
    const [siteName, query, expected, why] = l.split('\t');
    return { site: siteName, query, expected, why };
  });
if (testSet.length < 25) fail(`${config.queries}: ${testSet.length} queries`);

// An address under the site's base, as the test set writes them: `/page#anchor` (Pagefind gives
// the file's, `/page.html`).
function underBase(name, href) {
  const base = site(name).base;
  const url = new URL(href, site(name).origin);
  let rel = decodeURIComponent(url.pathname);
  if (!rel.startsWith(base)) return href;
  rel = `/${rel.slice(base.length)}`.replace(/\/index\.html$/, '/').replace(/\.html$/, '');
  return rel + (url.hash ? decodeURIComponent(url.hash) : '');
}
const hit = (found, expected) =>
  found.some((f) => f === expected || (!expected.includes('#') && f.split('#')[0] === expected));

async function recallOurs(name, queries) {
  const context = await newContext();
  const what = `ours on ${name}'s test set`;
  const { page } = await openPage(context, oursUrl(name), 'ours');
  await openSearch(page, what);
  const out = [];
  for (const q of queries) {
    await page.keyboard.press('Control+a');
    await answer(page, q.query, what);
    const hrefs = await page.evaluate(() =>
      [...document.querySelectorAll('dialog[open] ul a[href]')].slice(0, 3).map((a) => a.href),
    );
    const found = hrefs.map((h) => underBase(name, h));
    out.push({ ...q, found, hit: hit(found, q.expected) });
  }
  await context.close();
  return out;
}

// Pagefind: its ranked pages, and under each its sections (sub_results) ordered by how many
// of the query's words they hold (the order its Default UI picks the three it shows by), the
// first three (page, section) pairs; also in document order (the API's own order), for reference.
async function recallPagefind(name, queries) {
  const out = [];
  const byLang = new Map();
  for (const q of queries) {
    const lang = langOf(name, q.expected);
    byLang.set(lang, [...(byLang.get(lang) ?? []), q]);
  }
  for (const [lang, group] of byLang) {
    const context = await newContext();
    const { page } = await openPage(context, pagefindUrl(name, lang), 'pagefind');
    const answers = await page.evaluate(async (qs) => {
      const pagefind = await window.pagefindApi();
      const result = [];
      for (const q of qs) {
        const search = await pagefind.search(q);
        const ranked = [];
        const documentOrder = [];
        for (const r of search.results) {
          if (ranked.length >= 3 && documentOrder.length >= 3) break;
          const data = await r.data();
          const subs = data.sub_results?.length ? data.sub_results : [{ url: data.url, locations: [] }];
          documentOrder.push(...subs.map((s) => s.url));
          const byHits = subs.map((s, i) => [s, i]).sort((a, b) => b[0].locations.length - a[0].locations.length || a[1] - b[1]);
          ranked.push(...byHits.map(([s]) => s.url));
        }
        result.push({ ranked: ranked.slice(0, 3), documentOrder: documentOrder.slice(0, 3) });
      }
      return result;
    }, group.map((q) => q.query));
    group.forEach((q, i) => {
      const found = answers[i].ranked.map((h) => underBase(name, h));
      const inDocumentOrder = answers[i].documentOrder.map((h) => underBase(name, h));
      out.push({ ...q, lang, found, hit: hit(found, q.expected), documentOrderHit: hit(inDocumentOrder, q.expected) });
    });
    await context.close();
  }
  return out;
}

// ---- what a file costs ------------------------------------------------------------------------------
// Outside any search: the index's page texts of the 1,000-page site fetched from its page, one
// alone and then ten at once (as a keystroke that brings ten new pages asks for them), eight
// times each with files not read before, timed in the page.
async function fetchCost(name) {
  const context = await newContext();
  const { page } = await openPage(context, oursUrl(name), 'ours');
  const folder = path.join(site(name).dir, site(name).base, 'search');
  const texts = fs.readdirSync(folder).filter((f) => /^text-.*\.bin$/.test(f));
  if (texts.length < 90) fail(`${folder}: fewer than 90 page texts`);
  const times = await page.evaluate(
    async ({ base, texts }) => {
      const get = (f) => fetch(`${base}search/${f}`).then((r) => r.arrayBuffer());
      const timed = async (files) => {
        const t = performance.now();
        await Promise.all(files.map(get));
        return performance.now() - t;
      };
      const one = [];
      const ten = [];
      for (let i = 0; i < 8; i++) {
        one.push(await timed([texts[i]]));
        ten.push(await timed(texts.slice(10 + i * 10, 20 + i * 10)));
      }
      return { one, ten };
    },
    { base: site(name).base, texts },
  );
  await context.close();
  return times;
}

// ---- index sizes ------------------------------------------------------------------------------------
function filesUnder(dir) {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}
function indexSize(files) {
  const served = (f) => size(`${f}.br`) ?? size(f);
  return {
    files: files.length,
    raw: files.reduce((s, f) => s + size(f), 0),
    served: files.reduce((s, f) => s + served(f), 0),
  };
}
function indexSizes(dir) {
  // Ours: the index's entry, term shards and page texts (not the dialog's code).
  const ours = filesUnder(path.join(dir, 'search')).filter((f) => /^(index|terms|text)-.*\.bin$/.test(path.basename(f)));
  // Pagefind's: its entry, metadata, index chunks, fragments (and filters), not its code (the
  // pagefind*.js/css and wasm.*.pagefind) nor the precompressed twins.
  const theirs = filesUnder(path.join(dir, 'pagefind')).filter((f) => {
    const base = path.basename(f);
    return !/\.(br|gz)$/.test(base) && !/^pagefind.*\.(js|css)$/.test(base) && !/^wasm\..*\.pagefind$/.test(base);
  });
  if (!ours.length) fail(`${dir}/search: no index files`);
  if (!theirs.length) fail(`${dir}/pagefind: no index files`);
  // Ours again in one file, read in the background after the first results (where written).
  const whole = filesUnder(path.join(dir, 'search')).filter((f) => /^whole-.*\.bin$/.test(path.basename(f)));
  return { ours: indexSize(ours), whole: whole.length ? indexSize(whole) : null, pagefind: indexSize(theirs) };
}

// ---- the run ------------------------------------------------------------------------------------------
const out = { runs, context: config.context, cold: {}, keystrokes: {}, recall: {}, sizes: {}, fetches: { one: [], ten: [] } };
const engines = ['ours', 'pagefind'];
const coldSites = { fixture: FIXTURE_QUERY, 'pages-1000': GENERATED_QUERIES[0] };
for (const name of Object.keys(coldSites)) out.cold[name] = { query: coldSites[name], ours: [], pagefind: [] };
for (const name of ['pages-1000']) out.keystrokes[name] = { queries: GENERATED_QUERIES, ours: [], pagefind: [] };
// Runs interleaved, so a slower moment of the machine falls on both.
for (let run = 0; run < runs; run++) {
  for (const [name, query] of Object.entries(coldSites)) {
    for (const engine of engines) out.cold[name][engine].push(await cold(name, engine, query));
  }
  for (const name of Object.keys(out.keystrokes)) {
    for (const engine of engines) out.keystrokes[name][engine].push(await keystrokes(name, engine, GENERATED_QUERIES));
  }
  const cost = await fetchCost('pages-1000');
  out.fetches.one.push(...cost.one);
  out.fetches.ten.push(...cost.ten);
  console.error(`search bench: run ${run + 1}/${runs} done`);
}
for (const name of ['article', 'fixture']) {
  const queries = testSet.filter((q) => q.site === name);
  out.recall[name] = { ours: await recallOurs(name, queries), pagefind: await recallPagefind(name, queries) };
}
for (const [n, dir] of Object.entries(config.sizes)) out.sizes[n] = indexSizes(dir);
await browser.close();
fs.writeFileSync(outPath, JSON.stringify(out, null, 2));

// ---- the report ---------------------------------------------------------------------------------------
const kb = (b) => (b / 1000).toFixed(1);
const ms = (x) => (x < 100 ? x.toFixed(1) : Math.round(x).toString());
const range = (xs, f) => `${f(median(xs))} (${f(Math.min(...xs))}–${f(Math.max(...xs))})`;
const verdict = (ok) => (ok ? 'PASS' : 'MISS');
const siteLabel = { fixture: 'fixture', 'pages-1000': '1,000 pages', article: 'article' };
const rows = [];
for (const [name, c] of Object.entries(out.cold)) {
  const [o, p] = [c.ours, c.pagefind];
  const ob = median(o.map((r) => r.bytes));
  const pb = median(p.map((r) => r.bytes));
  rows.push([
    `bytes, opening search → first results, KB brotli/as served (code + index)`,
    siteLabel[name],
    `${kb(ob)} (${kb(median(o.map((r) => r.codeBytes)))} + ${kb(ob - median(o.map((r) => r.codeBytes)))})`,
    `${kb(pb)} (${kb(median(p.map((r) => r.codeBytes)))} + ${kb(pb - median(p.map((r) => r.codeBytes)))})`,
    'ours ≤ ½ Pagefind’s',
    verdict(ob <= pb / 2),
  ]);
}
for (const [name, c] of Object.entries(out.cold)) {
  const om = median(c.ours.map((r) => r.ms));
  const pm = median(c.pagefind.map((r) => r.ms));
  const fixture = name === 'fixture';
  rows.push([
    `cold: open search, type “${c.query}”, results painted, ms (min–max)`,
    siteLabel[name],
    range(c.ours.map((r) => r.ms), ms),
    range(c.pagefind.map((r) => r.ms), ms),
    fixture ? 'ours ≤ Pagefind’s and ≤ 100 ms' : 'ours ≤ Pagefind’s',
    verdict(om <= pm && (!fixture || om <= 100)),
  ]);
}
for (const [name, k] of Object.entries(out.keystrokes)) {
  const [o, p] = [k.ours.flat(), k.pagefind.flat()];
  const cell = (xs, key) => `${ms(percentile(xs.map((x) => x[key]), 95))} (${ms(median(xs.map((x) => x[key])))})`;
  const floor = k.ours.flatMap((r) => r.floor);
  const floor95 = ms(percentile(floor, 95));
  rows.push([
    `each keystroke → results updated in the page, before their frame, ms: p95 (median), ${o.length / runs} keystrokes × ${runs}`,
    siteLabel[name],
    cell(o, 'dom'),
    cell(p, 'dom'),
    'ours p95 ≤ 16 ms',
    verdict(percentile(o.map((x) => x.dom), 95) <= 16),
  ]);
  rows.push([
    'each keystroke → results painted (the frame after the update), ms: p95 (median)',
    siteLabel[name],
    cell(o, 'ms'),
    cell(p, 'ms'),
    `ours p95 ≤ 16 ms; the display's wait alone (next row): p95 ${floor95}`,
    verdict(percentile(o.map((x) => x.ms), 95) <= 16),
  ]);
  rows.push([
    'the same keys into a bare field that writes one text node → painted, ms: p95 (median): the display’s wait alone',
    siteLabel[name],
    `${floor95} (${ms(median(floor))})`,
    '',
    'listed',
    '',
  ]);
  rows.push([
    'page text files fetched outside any search, one alone, then ten at once, ms: median (p95)',
    siteLabel[name],
    ['one', 'ten']
      .map((n) => `${ms(median(out.fetches[n]))} (${ms(percentile(out.fetches[n], 95))})`)
      .join(', then '),
    '',
    'listed',
    '',
  ]);
  // Apart, by how many files each keystroke fetched: the round trips are what costs.
  for (const [label, keep] of [
    ['1 file', (n) => n === 1],
    ['2 to 5 files', (n) => n >= 2 && n <= 5],
    ['6 files or more', (n) => n >= 6],
  ]) {
    const [oo, pp] = [o.filter((x) => keep(x.fetched)), p.filter((x) => keep(x.fetched))];
    rows.push([
      `the keystrokes that fetched ${label} → results painted, ms: p95 (median), how many`,
      siteLabel[name],
      oo.length ? `${cell(oo, 'ms')}, ${oo.length}` : '–',
      pp.length ? `${cell(pp, 'ms')}, ${pp.length}` : '–',
      'listed',
      '',
    ]);
  }
  // Ours apart: before and after the whole index came in the background.
  for (const [label, whole] of [
    ['before the whole index was in', false],
    ['once the whole index was in', true],
  ]) {
    const oo = o.filter((x) => x.whole === whole);
    rows.push([
      `the keystrokes ${label} → results painted, ms: p95 (median), how many`,
      siteLabel[name],
      oo.length ? `${cell(oo, 'ms')}, ${oo.length}` : '–',
      '',
      'listed',
      '',
    ]);
  }
  // Apart: the keystrokes that fetched no file, and so waited on no round trip.
  const [of, pf] = [o.filter((x) => x.fetched === 0), p.filter((x) => x.fetched === 0)];
  rows.push([
    'the keystrokes that fetched no file → results painted, ms: p95 (median), how many',
    siteLabel[name],
    `${cell(of, 'ms')}, ${of.length}`,
    `${cell(pf, 'ms')}, ${pf.length}`,
    'listed',
    '',
  ]);
}
{
  // Every run's sessions, cold and typing: their tasks over 50 ms.
  const sessions = (engine) => [
    ...Object.values(out.cold).flatMap((c) => c[engine].map((r) => r.long)),
    ...Object.values(out.keystrokes).flatMap((k) => k[engine].map((r) => r.long)),
  ];
  const cell = (engine) => {
    const all = sessions(engine).flat();
    return `${all.length}${all.length ? ` (longest ${ms(Math.max(...all))})` : ''}`;
  };
  rows.push([
    'main-thread tasks over 50 ms from opening search on, every session: how many (longest, ms)',
    'fixture, 1,000 pages',
    cell('ours'),
    cell('pagefind'),
    'ours: none',
    verdict(sessions('ours').flat().length === 0),
  ]);
}
for (const [name, r] of Object.entries(out.recall)) {
  const o = r.ours.filter((q) => q.hit).length;
  const p = r.pagefind.filter((q) => q.hit).length;
  const pd = r.pagefind.filter((q) => q.documentOrderHit).length;
  rows.push([
    'recall@3 on the test set (Pagefind’s, its sections in document order)',
    `${siteLabel[name]}, ${r.ours.length} queries`,
    `${o}/${r.ours.length}`,
    `${p}/${r.pagefind.length} (${pd})`,
    'ours ≥ Pagefind’s',
    verdict(o >= p),
  ]);
}
for (const [name, c] of Object.entries(out.cold)) {
  rows.push([
    'round trips (request waves) before the first results: median (requests)',
    siteLabel[name],
    `${median(c.ours.map((r) => r.waves))} (${median(c.ours.map((r) => r.requests))})`,
    `${median(c.pagefind.map((r) => r.waves))} (${median(c.pagefind.map((r) => r.requests))})`,
    'listed',
    '',
  ]);
}
const table = (head, body) =>
  [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i >= 2 && i < head.length - 2 ? '---:' : '---')).join('|')}|`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const sizeRows = Object.entries(out.sizes).map(([n, s]) => [
  Number(n).toLocaleString('en'),
  s.ours.files,
  kb(s.ours.raw),
  kb(s.ours.served),
  s.whole ? kb(s.whole.served) : '–',
  s.pagefind.files,
  kb(s.pagefind.raw),
  kb(s.pagefind.served),
]);
const misses = [];
for (const [name, r] of Object.entries(out.recall)) {
  for (const engine of engines) {
    for (const q of r[engine].filter((x) => !x.hit)) misses.push(`${engine} on ${name}: “${q.query}” → ${q.found.join(', ') || 'nothing'} (expected ${q.expected})`);
  }
}
const report = `## Search: ours against Pagefind ${config.pagefind}

Medians over ${runs} runs (min–max where shown), Debian's Chromium headless and unthrottled, each
site served by nginx with its precompressed files; KB = 1000 B. Ours: the bar's button, then the
dialog. Pagefind: its Default UI (sub-results on, no thumbnails, no 300 ms wait after typing),
loaded by a button's click as ours is; its JS API for recall. Both index the pages of the sitemap.

${table(['measure', 'site', 'ours', 'Pagefind', 'budget', ''], rows)}

The whole index, not the code (ours: \`search/{index,terms,text}-*.bin\`; Pagefind's: \`pagefind/\`
less \`pagefind*.js\`, \`.css\` and \`wasm.*.pagefind\`), on generated sites; served: the \`.br\`
nginx sends, else the file (Pagefind's are gzip already). Ours also writes the same shards and
texts again in one file, \`search/whole-*.bin\`, which the dialog reads in the background once the
first results are painted (its served size, apart):

| pages | ours: files | raw KB | served KB | whole file, served KB | Pagefind: files | raw KB | served KB |
|---:|---:|---:|---:|---:|---:|---:|---:|
${sizeRows.map((r) => `| ${r.join(' | ')} |`).join('\n')}

Test-set queries not found in the first three: ${misses.length ? `\n\n${misses.map((m) => `- ${m}`).join('\n')}` : 'none.'}

(${config.context})
`;
fs.writeFileSync(config.report, report);
