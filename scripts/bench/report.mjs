// Turns scripts/bench.sh's raw results into Markdown tables (stdout and OUT/report.md) and one
// summary JSON (OUT/summary.json): transfer, Lighthouse, time to interactive, navigation,
// ratios and budgets. Usage: node scripts/bench/report.mjs OUT  (reads OUT/config.json,
// OUT/measure.json, OUT/lighthouse/*.json)
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
const config = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'));
const measure = JSON.parse(fs.readFileSync(path.join(dir, 'measure.json'), 'utf8'));
const names = config.sites.map((s) => s.name); // app, floor, static
const label = Object.fromEntries(config.sites.map((s) => [s.name, s.label]));

// ---- statistics and formatting ---------------------------------------------------------------
const sorted = (xs) => xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
const median = (xs) => {
  const s = sorted(xs);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
// Nearest-rank percentile: a value that was actually observed.
const percentile = (xs, p) => {
  const s = sorted(xs);
  return s.length ? s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)] : null;
};
const na = (x) => x === null || x === undefined || Number.isNaN(x);
const int = (x) => (na(x) ? 'n/a' : Math.round(x).toLocaleString('en-US'));
const ms = (x, digits = 0) => (na(x) ? 'n/a' : `${x.toFixed(digits)} ms`);
const kb = (b) => (na(b) ? 'n/a' : `${(b / 1000).toFixed(1)} KB (${(b / 1024).toFixed(1)} KiB)`);
const ratio = (a, b) => (na(a) || na(b) || b === 0 ? 'n/a' : `${(a / b).toFixed(2)}×`);
const table = (head, rows) =>
  [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i ? ' ---: ' : ' --- ')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

const lines = [];
const say = (s = '') => lines.push(s);

const m = config.machine ?? {};
say(`# Benchmark: ${names.map((n) => label[n]).join(', ')}`);
say();
say(`${m.date ?? ''} · ${m.cpus ?? '?'} CPU(s), ${m.memory ?? '?'} RAM, load average ${m.load ?? '?'} at the start · ${m.chromium ?? 'Chromium'} · commit ${m.commit ?? '?'} · RUNS=${config.runs}`);
say();

// ---- transfer --------------------------------------------------------------------------------
// What nginx sends for a file: its .br (or .gz) when one exists beside it, else the file itself
// (the server block compresses nothing on the fly). The first load is what the page itself
// requests; a service worker's install downloads more afterwards, in the background, and is
// reported on its own line.
const kinds = ['html', 'css', 'js', 'wasm', 'json', 'other'];
const kindLabel = { html: 'HTML', css: 'CSS', js: 'JS', wasm: 'wasm', json: 'JSON (first load)', other: 'other (icons…)' };
const fileSize = (f) => (fs.existsSync(f) ? fs.statSync(f).size : null);
const transfer = {};
for (const name of names) {
  const { files: all, worker } = measure.sites[name].transfer;
  const ok = all.filter((f) => f.status < 400);
  const page = ok.filter((f) => f.by === 'page');
  const t = { br: {}, gz: {}, raw: {}, requests: all.filter((f) => f.by === 'page').length, wireBr: 0, notBr: [], worker };
  t.failed = all.filter((f) => f.status >= 400).map((f) => `${f.status} ${f.path}`);
  for (const k of kinds) t.br[k] = t.gz[k] = t.raw[k] = 0;
  for (const f of page) {
    t.br[f.kind] += f.br ?? f.raw ?? 0;
    t.gz[f.kind] += f.gz ?? f.raw ?? 0;
    t.raw[f.kind] += f.raw ?? 0;
    t.wireBr += f.wire ?? 0;
    if (f.encoding !== 'br' && f.br !== null && f.br > 0) t.notBr.push(f.path);
  }
  const sum = (o) => kinds.reduce((acc, k) => acc + o[k], 0);
  t.totalBr = sum(t.br);
  t.totalGz = sum(t.gz);
  t.totalRaw = sum(t.raw);
  const sw = ok.filter((f) => f.by === 'service-worker');
  t.sw = {
    requests: sw.filter((f) => f.status !== 304).length,
    br: sw.reduce((acc, f) => acc + (f.br ?? f.raw ?? 0), 0),
    gz: sw.reduce((acc, f) => acc + (f.gz ?? f.raw ?? 0), 0),
    files: sw.map((f) => `${f.path}${f.status === 304 ? ' (304)' : ''}`),
  };
  // The content model, which only a client-side navigation to a page without it would fetch.
  const site = config.sites.find((s) => s.name === name);
  t.model = null;
  if (site.model) {
    const file = path.join(site.dir, site.model);
    t.model = { path: site.model, raw: fileSize(file), br: fileSize(`${file}.br`), gz: fileSize(`${file}.gz`) };
  }
  transfer[name] = t;
}

say(`## Transfer of a first visit (bytes of response bodies)`);
say();
say('Every response a cold first visit receives (Playwright, Chromium, 1280×800), sized as the');
say('precompressed file nginx serves for `Accept-Encoding: br` and for gzip only; headers excluded.');
say('The first load is what the page requests; a service worker\'s install, after the page is');
say('interactive, is counted apart.');
say();
const present = (k) => (k !== 'other' && k !== 'json' ? true : names.some((n) => transfer[n].br[k] > 0));
const tRows = kinds.filter(present).map((k) => [kindLabel[k], ...names.flatMap((n) => [int(transfer[n].br[k]), int(transfer[n].gz[k])])]);
tRows.push([
  '**First load, total**',
  ...names.flatMap((n) => [`**${int(transfer[n].totalBr)}**`, `**${int(transfer[n].totalGz)}**`]),
]);
tRows.push(['first-load requests', ...names.flatMap((n) => [String(transfer[n].requests), ''])]);
if (names.some((n) => transfer[n].sw.requests)) {
  tRows.push([
    'Service worker: its script and install precache, in the background (not in first load)',
    ...names.flatMap((n) => (transfer[n].worker ? [int(transfer[n].sw.br), int(transfer[n].sw.gz)] : ['—', '—'])),
  ]);
  tRows.push([
    'First visit, everything',
    ...names.flatMap((n) => [int(transfer[n].totalBr + transfer[n].sw.br), int(transfer[n].totalGz + transfer[n].sw.gz)]),
  ]);
}
tRows.push([
  'JSON model, *not in first load* (only a client-side navigation fetches it)',
  ...names.flatMap((n) => (transfer[n].model ? [int(transfer[n].model.br), int(transfer[n].model.gz)] : ['—', '—'])),
]);
say(table(['Type', ...names.flatMap((n) => [`${label[n]} br`, `${label[n]} gzip`])], tRows));
say();
say(`First-load total, brotli: ${names.map((n) => `${label[n]} ${kb(transfer[n].totalBr)}`).join('; ')}.`);
say(`Uncompressed: ${names.map((n) => `${label[n]} ${kb(transfer[n].totalRaw)} (wasm ${int(transfer[n].raw.wasm)} B)`).join('; ')}.`);
for (const n of names) {
  const t = transfer[n];
  if (t.sw.requests) say(`${label[n]}: service worker script and install: ${t.sw.files.join(', ')} ((304): revalidated, no body).`);
  if (t.failed.length) say(`⚠ ${label[n]}: failed requests (not counted): ${t.failed.join(', ')}.`);
  if (t.notBr.length) say(`⚠ ${label[n]}: served without brotli although a .br exists: ${t.notBr.join(', ')}.`);
  if (Math.abs(t.wireBr - t.totalBr) > 16 * t.requests) {
    say(`⚠ ${label[n]}: the network saw ${int(t.wireBr)} B of bodies, the files say ${int(t.totalBr)} B.`);
  }
}
say();

// ---- Lighthouse ------------------------------------------------------------------------------
const lh = {};
for (const name of names) {
  const reports = [];
  for (let i = 1; i <= config.runs; i++) {
    try {
      const r = JSON.parse(fs.readFileSync(path.join(dir, 'lighthouse', `${name}-${i}.json`), 'utf8'));
      if (!r.runtimeError) reports.push(r);
    } catch {}
  }
  const cat = (k) => median(reports.map((r) => Math.round((r.categories[k]?.score ?? NaN) * 100)));
  // Which weighted audits outside performance fell short, in any run: the why behind a score.
  const short = new Set();
  for (const r of reports) {
    for (const c of ['accessibility', 'best-practices', 'seo']) {
      for (const ref of r.categories[c]?.auditRefs ?? []) {
        const audit = r.audits[ref.id];
        if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) short.add(ref.id);
      }
    }
  }
  // Timings keep their spread over runs too, to tell a real gap from this machine's noise.
  const range = {};
  const aud = (k) => {
    const xs = sorted(reports.map((r) => r.audits[k]?.numericValue ?? NaN));
    if (xs.length) range[k] = { min: xs[0], max: xs[xs.length - 1] };
    return median(xs);
  };
  lh[name] = {
    runs: reports.length,
    performance: cat('performance'),
    accessibility: cat('accessibility'),
    'best-practices': cat('best-practices'),
    seo: cat('seo'),
    fcp: aud('first-contentful-paint'),
    lcp: aud('largest-contentful-paint'),
    tbt: aud('total-blocking-time'),
    cls: aud('cumulative-layout-shift'),
    si: aud('speed-index'),
    // Lighthouse's own measure of this CPU during the run: a loaded machine scores lower, and
    // its simulated TBT grows (the trace's tasks are scaled by the mobile CPU slowdown).
    benchmark: median(reports.map((r) => r.environment?.benchmarkIndex ?? NaN)),
    // The unthrottled trace Lighthouse simulates from: when the page really painted here.
    ofcp: median(reports.map((r) => r.audits.metrics?.details?.items?.[0]?.observedFirstContentfulPaint ?? NaN)),
    olcp: median(reports.map((r) => r.audits.metrics?.details?.items?.[0]?.observedLargestContentfulPaint ?? NaN)),
    range,
    short: [...short],
  };
}
say(`## Lighthouse 12.2.3, mobile (simulated throttling), median of ${config.runs} run(s)`);
say();
say('Timings: median (min–max over the runs).');
say();
const lhRow = (title, key, fmt) => [title, ...names.map((n) => fmt(lh[n][key], n))];
// "median (min–max)" when there were several runs.
const spread = (audit) => (x, n) => {
  const r = lh[n].range[audit];
  return na(x) ? 'n/a' : r && r.max > r.min ? `${ms(x)} (${Math.round(r.min)}–${Math.round(r.max)})` : ms(x);
};
const score = (x) => (na(x) ? 'n/a' : String(x));
say(
  table(['Metric', ...names.map((n) => label[n])], [
    lhRow('Performance', 'performance', score),
    lhRow('Accessibility', 'accessibility', score),
    lhRow('Best practices', 'best-practices', score),
    lhRow('SEO', 'seo', score),
    lhRow('FCP', 'fcp', spread('first-contentful-paint')),
    lhRow('LCP', 'lcp', spread('largest-contentful-paint')),
    lhRow('TBT', 'tbt', spread('total-blocking-time')),
    lhRow('CLS', 'cls', (x) => (na(x) ? 'n/a' : x.toFixed(3))),
    lhRow('Speed Index', 'si', spread('speed-index')),
    lhRow('FCP, observed (unthrottled)', 'ofcp', (x) => ms(x)),
    lhRow('LCP, observed (unthrottled)', 'olcp', (x) => ms(x)),
    lhRow('CPU benchmark index (higher: less loaded)', 'benchmark', (x) => (na(x) ? 'n/a' : String(Math.round(x)))),
    lhRow('runs', 'runs', String),
  ]),
);
say();
for (const n of names) {
  if (lh[n].short.length) say(`${label[n]}: audits short of 1 (accessibility, best practices, SEO): ${lh[n].short.join(', ')}.`);
}
if (names.some((n) => lh[n].short.length)) say();

// ---- time to interactive ---------------------------------------------------------------------
const loadsOf = (n, key) => measure.sites[n].loads.map((l) => l[key]).filter((x) => x !== null);
const tti = {};
for (const n of names) tti[n] = config.sites.find((s) => s.name === n).interactive ? loadsOf(n, 'interactive') : null;
const loadCount = measure.loads ?? config.runs;
say(`## Time to interactive (navigation start → \`cpd:interactive\` mark), ${loadCount} cold load(s)`);
say();
say('Unthrottled, on this machine: Playwright + Chromium, 1280×800, fresh context (empty cache) per');
say('load. First and largest contentful paint of the same loads, for comparison.');
say();
const span = (xs) => (xs.length ? `${ms(Math.min(...xs), 1)} – ${ms(Math.max(...xs), 1)}` : '—');
say(
  table(['', ...names.map((n) => label[n])], [
    ['Interactive, median', ...names.map((n) => (tti[n] ? ms(median(tti[n]), 1) : 'n/a (no script)'))],
    ['Interactive, min – max', ...names.map((n) => (tti[n] ? span(tti[n]) : '—'))],
    ['FCP, median', ...names.map((n) => ms(median(loadsOf(n, 'fcp')), 1))],
    ['LCP, median', ...names.map((n) => ms(median(loadsOf(n, 'lcp')), 1))],
  ]),
);
say();

// ---- in-page navigation ----------------------------------------------------------------------
const navSite = names.find((n) => measure.sites[n].nav);
const nav = navSite ? measure.sites[navSite].nav : null;
const navMedian = nav ? median(nav.samples) : null;
if (nav) {
  say(`## Section navigation, ${label[navSite]}: click on a contents link → heading focused`);
  say();
  say(`${nav.samples.length} clicks cycling through ${nav.sections.length} sections (${nav.sections.join(', ')}), 1280×800, timed in the page.`);
  say();
  say(
    table(['median', 'p95', 'min', 'max', 'clicks', 'missed'], [
      [ms(navMedian, 2), ms(percentile(nav.samples, 95), 2), ms(Math.min(...nav.samples), 2), ms(Math.max(...nav.samples), 2), String(nav.samples.length), String(nav.misses.length)],
    ]),
  );
  say();
}

// ---- ratios ----------------------------------------------------------------------------------
const [a, b, c] = names;
const v = {
  bytes: (n) => transfer[n].totalBr,
  wasm: (n) => transfer[n].br.wasm,
  lcp: (n) => lh[n].lcp,
  fcp: (n) => lh[n].fcp,
  tbt: (n) => lh[n].tbt,
  tti: (n) => (tti[n] ? median(tti[n]) : null),
};
say(`## Ratios`);
say();
say(
  table(['Metric', `${label[a]} / ${label[b]}`, `${label[a]} / ${label[c]}`], [
    ['First load, brotli bytes', ratio(v.bytes(a), v.bytes(b)), ratio(v.bytes(a), v.bytes(c))],
    ['wasm, brotli bytes', ratio(v.wasm(a), v.wasm(b)), '— (no wasm)'],
    ['LCP', ratio(v.lcp(a), v.lcp(b)), ratio(v.lcp(a), v.lcp(c))],
    ['FCP', ratio(v.fcp(a), v.fcp(b)), ratio(v.fcp(a), v.fcp(c))],
    ['TBT', ratio(v.tbt(a), v.tbt(b)), ratio(v.tbt(a), v.tbt(c))],
    ['Time to interactive', ratio(v.tti(a), v.tti(b)), '— (no script)'],
  ]),
);
say();
say('n/a: a ratio with a zero or missing denominator.');
say();

// ---- budgets ---------------------------------------------------------------------------------
// Each budget: the limit, the actual value, and how far under (pass) or over (miss) it is.
const budgets = [];
const budget = (name, actual, limit, fmt) => {
  const known = !na(actual) && !na(limit);
  const pass = known && actual <= limit + 1e-9;
  const diff = known ? actual - limit : null;
  const pct = !known || limit === 0 ? '' : ` (${diff > 0 ? '+' : '−'}${Math.abs((diff / limit) * 100).toFixed(1)} %)`;
  const margin = !known ? 'n/a' : diff === 0 ? 'exactly at the limit' : `${fmt(Math.abs(diff))} ${diff < 0 ? 'under' : 'over'}${pct}`;
  budgets.push({ name, actual, limit, pass, diff });
  return [name, fmt(limit), fmt(actual), pass ? '✅ pass' : '❌ miss', margin];
};
const msF = (x) => (na(x) ? 'n/a' : `${x.toFixed(x < 100 ? 1 : 0)} ms`);
const bytesF = (x) => (na(x) ? 'n/a' : `${(x / 1000).toFixed(1)} KB / ${(x / 1024).toFixed(1)} KiB`);
// A score must reach its limit, not stay under it: count the points missing instead.
const perf = lh[a].performance;
const perfRow = [
  'Lighthouse performance = 100',
  '100',
  score(perf),
  perf === 100 ? '✅ pass' : '❌ miss',
  na(perf) ? 'n/a' : perf === 100 ? 'exactly at the limit' : `${100 - perf} point(s) short`,
];
budgets.push({ name: perfRow[0], actual: perf, limit: 100, pass: perf === 100, diff: na(perf) ? null : perf - 100 });
say(`## Budgets (${label[a]})`);
say();
say(
  table(['Budget', 'Limit', 'Actual', 'Result', 'Margin'], [
    budget(`LCP ≤ 1.05 × LCP(${label[c]})`, lh[a].lcp, na(lh[c].lcp) ? null : 1.05 * lh[c].lcp, msF),
    perfRow,
    budget('TBT = 0', lh[a].tbt, 0, msF),
    budget('CLS = 0', lh[a].cls, 0, (x) => (na(x) ? 'n/a' : x.toFixed(3))),
    budget('First load ≤ 110 KB brotli', v.bytes(a), 110_000, bytesF),
    budget(`wasm ≤ 1.2 × wasm(${label[b]}), brotli`, v.wasm(a), na(v.wasm(b)) ? null : 1.2 * v.wasm(b), bytesF),
    budget('Section navigation median ≤ 16 ms', navMedian, 16, (x) => (na(x) ? 'n/a' : `${x.toFixed(2)} ms`)),
  ]),
);
say();

const report = lines.join('\n');
console.log(report);
fs.writeFileSync(path.join(dir, 'report.md'), `${report}\n`);
fs.writeFileSync(
  path.join(dir, 'summary.json'),
  JSON.stringify({ runs: config.runs, transfer, lighthouse: lh, interactive: tti, nav: nav && { median: navMedian, p95: percentile(nav.samples, 95), ...nav }, budgets }, null, 2),
);
