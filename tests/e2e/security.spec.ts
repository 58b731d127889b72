import { test, expect } from '@playwright/test';
import { ARTICLE, HASH, appReady, hosting, facts, heading, scrollSettled, watchConsole, toc } from './helpers';

// The shipped Content-Security-Policy: in the headers where the host sends the build's (nginx with
// hosting/nginx.conf, `_headers` on Cloudflare Pages and Netlify), and in every page's <meta>.

test.beforeEach(async ({ page }) => {
  // Registered before any script of the page runs.
  await page.addInitScript(() => {
    (window as any).__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as any).__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
    );
  });
});

for (const path of ['/', ARTICLE, '/nulle-part.html']) {
  test(`${path}: a strict policy in the headers and in the page, zero violations, the app runs`, async ({ page }) => {
    const errors = watchConsole(page);
    const response = await page.goto(path);
    const headers = response!.headers();
    // The same policy as a <meta>, first in the head, for hosts without headers (minus
    // frame-ancestors, which a meta cannot give).
    const meta = await page.locator('head > :first-child').evaluate((el) =>
      el.matches('meta[http-equiv="Content-Security-Policy"]') ? el.getAttribute('content') : el.outerHTML,
    );
    expect(meta).toBe(facts().csp_meta);
    const csp = headers['content-security-policy'];
    if (!hosting().headers) {
      // GitHub Pages sends none of the build's headers: the meta holds the policy alone.
      expect(csp).toBeUndefined();
    } else {
      // The policy the build computed from its pages' inline scripts.
      expect(csp).toBe(facts().csp_header);
      expect(meta).toBe(csp.replace("; frame-ancestors 'none'", ''));
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(headers['permissions-policy']).toContain('camera=()');
    }
    for (const policy of [meta, ...(csp ? [csp] : [])]) {
      expect(policy).not.toContain('unsafe-inline');
      expect(policy).not.toContain("'unsafe-eval'");
      for (const directive of ["default-src 'self'", "'wasm-unsafe-eval'", "base-uri 'self'", "object-src 'none'"]) {
        expect(policy, directive).toContain(directive);
      }
    }
    if (csp) expect(csp).toContain("frame-ancestors 'none'");

    await appReady(page);
    // Trunk's Subresource Integrity stays on every asset it links.
    const unsigned = await page.evaluate(
      (pattern) =>
        [...document.querySelectorAll('link[href*="-"], script[src]')]
          .filter((el) => new RegExp(pattern).test(el.getAttribute('href') ?? el.getAttribute('src') ?? ''))
          .filter((el) => !el.getAttribute('integrity'))
          .map((el) => el.outerHTML),
      `${HASH}\\.(js|css|wasm|svg)$`,
    );
    expect(unsigned).toEqual([]);
    if (path !== '/nulle-part.html') {
      // Inline scripts allowed by hash: the theme switch works, the app navigates.
      await page.getByRole('button', { name: 'Thème sombre' }).click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
      await toc(page).getByRole('link', { name: heading('structure') }).click();
      await scrollSettled(page);
      await expect(page.getByRole('heading', { name: heading('structure'), exact: true })).toBeFocused();
    }
    expect(await page.evaluate(() => (window as any).__violations)).toEqual([]);
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
  });
}

test('a script the build did not hash is refused (the policy is enforced, not decorative)', async ({ page }) => {
  await page.goto(ARTICLE);
  await appReady(page);
  // The script either runs at once, or is refused with a violation event.
  const ran = await page.evaluate(
    () =>
      new Promise<boolean>((resolve) => {
        document.addEventListener('securitypolicyviolation', () => resolve((window as any).__injected === true));
        const s = document.createElement('script');
        s.textContent = 'window.__injected = true;';
        document.head.append(s);
        if ((window as any).__injected === true) resolve(true);
      }),
  );
  expect(ran).toBe(false);
  expect(await page.evaluate(() => (window as any).__violations.length)).toBeGreaterThan(0);
});

test.describe('integrity', () => {
  // page.route must see the glue's request, not a service worker's cache.
  test.use({ serviceWorkers: 'block' });
  test('a tampered JS glue is refused by its Subresource Integrity hash', async ({ page }) => {
    await page.route(new RegExp(`${HASH}\\.js$`), async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: (await response.text()) + '\n// tampered' });
    });
    const response = await page.goto(ARTICLE);
    expect(response!.ok()).toBe(true);
    await expect(page.locator('#app-status')).toHaveText(/^Mode simplifié/);
    await expect(page.locator('html')).not.toHaveAttribute('data-app', 'ready');
  });
});
