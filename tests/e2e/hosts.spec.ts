import { test, expect, type APIRequestContext, type Page } from '@playwright/test';
import { ARTICLE, HASH, OLD_ARTICLE, facts, host, hosting, served } from './helpers';
import { sitePath } from './hosts';

// Each project runs this on its host's own engine (tests/e2e/hosts.ts): every address the site
// writes answers 200 with no redirect, the file's own `.html` address answers too (200, or one
// redirect to the written address), unknown paths get a 404, and every page's policy is the
// first element of its head, which is all a host without headers (GitHub Pages) keeps of it.

type Answer = { status: number; location?: string; cache?: string };

async function ask(request: APIRequestContext, url: string): Promise<Answer> {
  const r = await request.get(url, { maxRedirects: 0 });
  return { status: r.status(), location: r.headers()['location'], cache: r.headers()['cache-control'] };
}

/** The paths a site's sitemap lists (its canonical addresses, on the site's public origin). */
async function written(request: APIRequestContext, site: string): Promise<string[]> {
  const sitemap = await request.get(`${site}/sitemap.xml`);
  expect(sitemap.status()).toBe(200);
  const paths = [...(await sitemap.text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  expect(paths.length).toBeGreaterThan(0);
  return paths;
}

/** The name of the file a page is written to, as an address: `/a.html` for `/a`, `/a/index.html`
 *  for `/a/`. */
const fileAddress = (path: string) => (path.endsWith('/') ? `${path}index.html` : `${path}.html`);

/** Checks every page of a site (at `site`, origin and base path) on this host. */
async function everyAddress(page: Page, request: APIRequestContext, name: 'app' | 'fixture' | 'blog', site: string) {
  const origin = new URL(site).origin;
  const paths = await written(request, site);
  const meta = facts(name).csp_meta;
  for (const path of paths) {
    const canonical = await ask(request, origin + path);
    expect(canonical.status, `${host()} ${path}`).toBe(200);
    const old = await ask(request, origin + fileAddress(path));
    if (old.status !== 200) {
      // One redirect, to the address the site writes, which answers.
      expect(old.status, `${host()} ${fileAddress(path)}`).toBeGreaterThanOrEqual(301);
      expect(old.status).toBeLessThanOrEqual(308);
      expect(new URL(old.location!, origin + path).pathname, `${host()} ${fileAddress(path)}`).toBe(path);
    }
    // The policy first in the head, before any script, on every page: the one a host without
    // headers applies. (A JSON-LD block or the boot data are not scripts the browser runs.)
    const html = await (await request.get(origin + path)).text();
    const head = await page.evaluate((html) => {
      const doc = new DOMParser().parseFromString(html, 'text/html');
      const first = doc.head.firstElementChild;
      return {
        first: first?.matches('meta[http-equiv="Content-Security-Policy"]') ? first.getAttribute('content') : first?.outerHTML,
        policies: doc.querySelectorAll('meta[http-equiv="Content-Security-Policy"]').length,
      };
    }, html);
    expect(head.policies, `${host()} ${path}`).toBe(1);
    expect(head.first, `${host()} ${path}`).toBe(meta);
  }
  return paths;
}

test('the app: every address it writes answers 200, its files’ addresses answer too, the policy leads each head', async ({
  page,
  request,
  baseURL,
}) => {
  const paths = await everyAddress(page, request, 'app', baseURL!);
  expect(paths).toContain(ARTICLE);
  // The answers for the article, its file's address, its wasm, the worker and an unknown path,
  // printed with the host's name: the run's log shows each engine's statuses and caching.
  const boot = JSON.parse(
    (await (await request.get(baseURL + ARTICLE)).text()).match(/<script[^>]*id="cpd-boot"[^>]*>([^<]*)</)![1],
  );
  expect(boot.wasm).toMatch(new RegExp(`${HASH}_bg\\.wasm$`));
  const report: Record<string, Answer> = {};
  for (const path of [ARTICLE, OLD_ARTICLE, boot.wasm, '/sw.js', '/nulle-part']) {
    report[path] = await ask(request, new URL(path, baseURL).href);
  }
  console.log(`${host()}: ${JSON.stringify(report)}`);
  expect(report[boot.wasm].status).toBe(200);
  expect(report['/sw.js'].status).toBe(200);
  expect(report['/nulle-part'].status).toBe(404);
  if (hosting().headers) {
    expect(report[ARTICLE].cache).toBe('no-cache');
    expect(report[boot.wasm].cache).toBe('public, max-age=31536000, immutable');
    expect(report['/sw.js'].cache).toBe('no-cache');
  }
});

test('the fixture site under its base path: the same, and its unknown paths get its « page introuvable »', async ({
  page,
  request,
}) => {
  const site = served('fixture');
  await everyAddress(page, request, 'fixture', site);
  const missing = await request.get(`${site}/nulle/part`);
  expect(missing.status()).toBe(404);
  // Netlify serves the 404 page of the upload's root only: a site under a base path gets its
  // host's own there.
  if (host() !== 'netlify') expect(await missing.text()).toContain(`href="${sitePath('fixture', '/')}"`);
});

test('the Jekyll blog: every post, list and page at its Jekyll address, and at its file', async ({ page, request }) => {
  await everyAddress(page, request, 'blog', served('blog'));
});
