// The benchmark's statistics, one definition for every script: a sample's median and its
// nearest-rank percentiles, over its finite values only (a failed run's NaN or null is left out,
// not sorted in at random). Imported by the scripts' JavaScript; from a shell:
//   node scripts/bench/stats.mjs median [X…]          the median of X…
//   node scripts/bench/stats.mjs percentile P [X…]    the nearest-rank P-th percentile (0–100)
// without X, of the numbers on stdin (any whitespace between them). It prints the result (12
// significant digits), or fails (status 1) when there is no number.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The finite values of `xs`, in ascending order. */
export const sorted = (xs) => xs.filter(Number.isFinite).sort((a, b) => a - b);

/**
 * The median of the finite values of `xs`, NaN when there is none. Of an even count, the mean
 * of the two middle values; with `observed`, the upper one: a value that was measured (a count
 * of files stays a whole number, a score one Lighthouse gave).
 */
export function median(xs, { observed = false } = {}) {
  const s = sorted(xs);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 || observed ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The nearest-rank `p`-th percentile (0–100) of the finite values of `xs`: a value that was
 * observed. NaN when there is none. */
export function percentile(xs, p) {
  const s = sorted(xs);
  return s.length ? s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)] : NaN;
}

// Run as a command, not imported.
const self = fileURLToPath(import.meta.url);
const invoked = (() => {
  try {
    return process.argv[1] !== undefined && fs.realpathSync(process.argv[1]) === fs.realpathSync(self);
  } catch {
    return false;
  }
})();
if (invoked) {
  const fail = (message) => {
    console.error(`stats: ${message}`);
    process.exit(message.startsWith('usage') ? 2 : 1);
  };
  const usage = 'usage: node scripts/bench/stats.mjs median [X…] | percentile P [X…]  (no X: stdin)';
  const [command, ...rest] = process.argv.slice(2);
  let p;
  if (command === 'percentile') {
    p = Number(rest.shift());
    if (!(p >= 0 && p <= 100)) fail(usage);
  } else if (command !== 'median') {
    fail(usage);
  }
  const words = rest.length ? rest : fs.readFileSync(0, 'utf8').split(/\s+/).filter(Boolean);
  // A word that is not a number is an error here, not a failed run to leave out.
  const xs = words.map((w) => (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(w) ? Number(w) : fail(`not a number: ${w}`)));
  const result = command === 'median' ? median(xs) : percentile(xs, p);
  if (Number.isNaN(result)) fail('no number');
  // 12 significant digits: 0.0365, not the mean's 0.036500000000000005.
  console.log(String(Number(result.toPrecision(12))));
}
