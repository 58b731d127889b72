// Serves a folder as Netlify does, with Netlify's own engines (@netlify/redirects, @netlify/static,
// @netlify/headers) wired in @netlify/dev's order: redirects, then static files, then headers.
// Why not `netlify dev`: netlify-cli is 421 MB and its dev server downloads Deno at start.
//   node scripts/hosts/netlify.mjs PORT DIR      (usually through scripts/hosts/serve.sh)
// DIR's _headers and _redirects are read (again on every request, as the engines do). What
// @netlify/dev leaves to netlify-cli is added here: an unknown path gets DIR/404.html with status
// 404 (headers of the rules matching the requested path), as Netlify answers.
import http from 'node:http';
import path from 'node:path';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { HeadersHandler } from '@netlify/headers';
import { RedirectsHandler } from '@netlify/redirects';
import { StaticHandler } from '@netlify/static';

const [port, dirArg] = process.argv.slice(2);
if (!/^\d+$/.test(port ?? '') || !dirArg || !fs.statSync(dirArg, { throwIfNoEntry: false })?.isDirectory()) {
  console.error('usage: node scripts/hosts/netlify.mjs PORT DIR');
  process.exit(2);
}
const dir = path.resolve(dirArg);

// The engines parse the files on every request: say each syntax error once, not per request.
const said = new Set();
const once = (write) => (msg) => { if (!said.has(msg)) { said.add(msg); write(`netlify.mjs: ${msg}`); } };
const logger = { log: once(console.log), info: once(console.log), warn: once(console.warn), error: once(console.error) };

const headers = new HeadersHandler({ projectDir: dir, logger });
const statics = new StaticHandler({ directory: dir });
const notFound = async (request) => {
  const page = await statics.match(new Request(new URL('/404.html', request.url)));
  if (!page) return new Response('Not Found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const found = await page.handle();
  const response = new Response(found.body, { status: 404, headers: found.headers });
  await headers.apply(request, response);
  return response;
};
const redirects = new RedirectsHandler({
  projectDir: dir, publicDir: dir, configRedirects: [], jwtRoleClaim: '', jwtSecret: '', notFoundHandler: notFound,
});

// @netlify/dev's NetlifyDev.handleInEphemeralDirectory, less functions, edge functions and images.
async function handle(request) {
  const match = await redirects.match(request);
  if (match) {
    const response = await redirects.handle(request, match, async (req) => {
      const file = await statics.match(req);
      if (!file) return undefined;
      return async () => {
        const r = await file.handle();
        await headers.apply(new Request(match.target), r);
        return r;
      };
    });
    if (response) return response;
  }
  const file = await statics.match(request);
  if (file) {
    const response = await file.handle();
    await headers.apply(request, response);
    return response;
  }
  return notFound(request);
}

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, `http://${req.headers.host ?? `127.0.0.1:${port}`}`);
    const request = new Request(url, { method: req.method === 'HEAD' ? 'HEAD' : 'GET', headers: req.headers });
    const response = await handle(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (req.method === 'HEAD' || !response.body) {
      await response.body?.cancel();
      res.end();
    } else {
      Readable.fromWeb(response.body).pipe(res);
    }
  } catch (err) {
    // A malformed %-escape makes the redirects engine throw: a client error, not the server's.
    const bad = err instanceof URIError;
    if (!bad) console.error(`netlify.mjs: ${req.url}: ${err?.stack ?? err}`);
    if (!res.headersSent) res.writeHead(bad ? 400 : 500);
    res.end();
  }
});
server.on('error', (err) => {
  console.error(`netlify.mjs: ${err.message}`);
  process.exit(1);
});
server.listen(Number(port), '127.0.0.1', () => {
  console.log(`netlify.mjs: serving ${dir} on http://127.0.0.1:${port}/ (Netlify's engines) — ready`);
});
