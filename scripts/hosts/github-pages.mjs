// Serves a folder the way GitHub Pages does, as far as its documentation and known behaviour go
// (it has no engine to run locally): node scripts/hosts/github-pages.mjs PORT DIR
// Why: tests of a Pages deploy must not pass thanks to headers Pages never sends.
// - No custom headers: `_headers` is an ordinary file. Every answer carries what Pages sends
//   itself: `Cache-Control: max-age=600`, `Expires`, `Access-Control-Allow-Origin: *`,
//   `Last-Modified`, `ETag`, `Server: GitHub.com`; no compression on the fly.
// - Addresses: `/a` and `/a.html` answer a.html; `/a/` answers a/index.html; `/a`, where `a/` is a
//   folder with an index.html, is a 301 to `/a/` (query kept). With both a.html and a/index.html,
//   `/a` answers a.html (unverified: it assumes Pages tries the file before the folder).
// - 404: the 404.html of the site's root, with status 404. The site root is DIR, or, for a
//   project site (DIR/essai/..., served at /essai/), the first-level folder the path is in when
//   that folder has its own 404.html. Without any, a plain "404 Not Found".
// - Jekyll: without a `.nojekyll` at the site root, Pages runs Jekyll, which drops names starting
//   with `_` or `.`; such paths answer 404 here then (a warning is printed at start).
// - `.br`/`.gz` twins are plain files, served only under their own names.
// Paths escaping DIR (after decoding, or through symlinks) are refused with 404.
import http from 'node:http';
import path from 'node:path';
import fs from 'node:fs';

const [port, dirArg] = process.argv.slice(2);
if (!/^\d+$/.test(port ?? '') || !dirArg || !fs.statSync(dirArg, { throwIfNoEntry: false })?.isDirectory()) {
  console.error('usage: node scripts/hosts/github-pages.mjs PORT DIR');
  process.exit(2);
}
const root = fs.realpathSync(dirArg);

// Media types as Pages sends them (its table is mime-db's).
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.js': 'application/javascript; charset=utf-8',
  '.mjs': 'application/javascript; charset=utf-8', '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8', '.webmanifest': 'application/manifest+json',
  '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8', '.md': 'text/markdown; charset=utf-8',
  '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.avif': 'image/avif',
  '.ico': 'image/vnd.microsoft.icon', '.woff': 'font/woff', '.woff2': 'font/woff2',
  '.pdf': 'application/pdf', '.gz': 'application/gzip', '.bin': 'application/octet-stream',
};
const typeOf = (file) => TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';

const isFile = (p) => {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false; // absent, or a file taken for a folder (ENOTDIR)
  }
};
const inside = (p) => p === root || p.startsWith(root + path.sep);

// The folder whose 404.html and .nojekyll apply to a path (see the header).
function siteRoot(segments) {
  if (segments.length > 1) {
    const project = path.join(root, segments[0]);
    if (isFile(path.join(project, '404.html'))) return project;
  }
  return root;
}
const entries = fs.readdirSync(root, { withFileTypes: true });
const projects = entries.filter((e) => e.isDirectory() && isFile(path.join(root, e.name, '404.html')));
// DIR itself is a site only if it holds files: a project-site layout may have none at its root.
const sites = [...(entries.some((e) => e.isFile()) ? [root] : []), ...projects.map((e) => path.join(root, e.name))];
for (const site of sites) {
  if (!fs.existsSync(path.join(site, '.nojekyll'))) {
    console.warn(`github-pages.mjs: no .nojekyll in ${site}: Pages would run Jekyll there, names starting with _ or . answer 404`);
  }
}

function baseHeaders(file, st) {
  const now = Date.now();
  return {
    'Server': 'GitHub.com',
    'Content-Type': typeOf(file),
    'Last-Modified': st.mtime.toUTCString(),
    'Access-Control-Allow-Origin': '*',
    'ETag': `"${Math.floor(st.mtimeMs / 1000).toString(16)}-${st.size.toString(16)}"`,
    'Expires': new Date(now + 600_000).toUTCString(),
    'Cache-Control': 'max-age=600',
    'Date': new Date(now).toUTCString(),
  };
}

function send(req, res, status, file) {
  // Refuse what a symlink would take out of DIR.
  const real = fs.realpathSync(file);
  if (!inside(real)) return notFound(req, res, []);
  const st = fs.statSync(real);
  const headers = { ...baseHeaders(file, st), 'Content-Length': String(st.size) };
  if (status === 200 && req.headers['if-none-match'] === headers.ETag) {
    delete headers['Content-Length'];
    res.writeHead(304, headers);
    return res.end();
  }
  res.writeHead(status, headers);
  if (req.method === 'HEAD') return res.end();
  fs.createReadStream(real).pipe(res);
}

function notFound(req, res, segments) {
  const page = path.join(siteRoot(segments), '404.html');
  if (isFile(page)) return send(req, res, 404, page);
  res.writeHead(404, { 'Server': 'GitHub.com', 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'max-age=600' });
  res.end(req.method === 'HEAD' ? undefined : '404 Not Found\n');
}

function handle(req, res) {
  const url = new URL(req.url, 'http://pages.invalid');
  let pathname;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    res.writeHead(400);
    return res.end();
  }
  const segments = pathname.split('/').filter(Boolean);
  if (pathname.includes('\0') || segments.some((s) => s === '..' || s.includes('\\'))) return notFound(req, res, []);
  const target = path.join(root, ...segments);
  if (!inside(target)) return notFound(req, res, []);
  const site = siteRoot(segments);
  const siteSegments = path.relative(site, target).split(path.sep).filter(Boolean);
  if (!fs.existsSync(path.join(site, '.nojekyll')) && siteSegments.some((s) => s.startsWith('_') || s.startsWith('.'))) {
    return notFound(req, res, segments);
  }
  if (pathname.endsWith('/')) {
    const index = path.join(target, 'index.html');
    return isFile(index) ? send(req, res, 200, index) : notFound(req, res, segments);
  }
  if (isFile(target)) return send(req, res, 200, target);
  if (isFile(`${target}.html`)) return send(req, res, 200, `${target}.html`);
  if (isFile(path.join(target, 'index.html'))) {
    res.writeHead(301, {
      'Server': 'GitHub.com', 'Location': `${url.pathname}/${url.search}`,
      'Content-Type': 'text/html', 'Cache-Control': 'max-age=600',
    });
    return res.end();
  }
  return notFound(req, res, segments);
}

http.createServer((req, res) => {
  try {
    handle(req, res);
  } catch (err) {
    console.error(`github-pages.mjs: ${req.url}: ${err?.stack ?? err}`);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  }
}).on('error', (err) => {
  console.error(`github-pages.mjs: ${err.message}`);
  process.exit(1);
}).listen(Number(port), '127.0.0.1', () => {
  console.log(`github-pages.mjs: serving ${root} on http://127.0.0.1:${port}/ (GitHub Pages' behaviour) — ready`);
});
