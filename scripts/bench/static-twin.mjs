// The plain static page for scripts/bench.sh and scripts/lighthouse.sh: the
// prerendered article with every <script> but JSON-LD and every (module)preload removed, so the
// same HTML and stylesheet load with no JavaScript and no wasm at all.
// Usage: node scripts/bench/static-twin.mjs IN.html OUT.html
import fs from 'node:fs';

const [input, output] = process.argv.slice(2);
const html = fs
  .readFileSync(input, 'utf8')
  .replace(/<script(?![^>]*ld\+json)[^>]*>[\s\S]*?<\/script>/g, '')
  .replace(/<link rel="(modulepreload|preload)"[^>]*>/g, '');
if (/<script(?![^>]*ld\+json)/.test(html) || /\.wasm/.test(html)) {
  throw new Error(`${output}: a script or a wasm reference survived`);
}
fs.writeFileSync(output, html);
