import { defineConfig } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';

// End-to-end tests against the release dist/, served by nginx with the shipped server block.
// The browser is Debian's Chromium: Playwright never downloads one.
// E2E_DIST and E2E_SUB_DIST choose other builds (the sub-path server only runs if its build exists).
const PORT = Number(process.env.E2E_PORT ?? 8081);
const DIST = process.env.E2E_DIST ?? 'dist';
const SUB_DIST = process.env.E2E_SUB_DIST ?? 'target/e2e-sub';
const FIXTURE_DIST = process.env.E2E_FIXTURE_DIST ?? 'target/e2e-fixture';
const BLOG_DIST = process.env.E2E_BLOG_DIST ?? 'target/e2e-blog';

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    // Service workers stay allowed: 'block' replaces `register` with a stub that logs a warning,
    // which the console checks would catch. The app registers its worker only on a prerendered
    // page, so the tests that fake responses with page.route on an emptied page never get one.
    serviceWorkers: 'allow',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      // One list of flags for every tool that drives Chromium here.
      args: readFileSync('scripts/chromium-flags.txt', 'utf8').split('\n').filter(Boolean),
    },
  },
  webServer: [
    {
      command: `bash scripts/serve-dist.sh ${PORT} ${DIST}`,
      url: `http://127.0.0.1:${PORT}/chef-projet-digital.html`,
      reuseExistingServer: false,
      timeout: 20_000,
    },
    {
      // The same site built with `--public-url /docs/` (scripts/test.sh), served under /docs/.
      command: `bash scripts/serve-dist.sh ${PORT + 1} ${SUB_DIST}`,
      url: `http://127.0.0.1:${PORT + 1}/docs/chef-projet-digital.html`,
      reuseExistingServer: false,
      timeout: 20_000,
    },
    {
      // The fixture site (tests/fixtures/site), built under /essai/ (scripts/test.sh).
      command: `bash scripts/serve-dist.sh ${PORT + 2} ${FIXTURE_DIST}`,
      url: `http://127.0.0.1:${PORT + 2}/essai/guide/syntaxe.html`,
      reuseExistingServer: false,
      timeout: 20_000,
    },
    {
      // A Jekyll blog (tests/fixtures/blog), built at the root (scripts/test.sh).
      command: `bash scripts/serve-dist.sh ${PORT + 3} ${BLOG_DIST}`,
      url: `http://127.0.0.1:${PORT + 3}/about/`,
      reuseExistingServer: false,
      timeout: 20_000,
    },
  ].filter((_, i) => i === 0 || existsSync([SUB_DIST, FIXTURE_DIST, BLOG_DIST][i - 1])),
});
