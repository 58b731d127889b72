import { defineConfig } from '@playwright/test';

// End-to-end tests against the release dist/, served by nginx with the shipped server block.
// The browser is Debian's Chromium: Playwright never downloads one.
const PORT = Number(process.env.E2E_PORT ?? 8081);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      command: `bash scripts/serve-dist.sh ${PORT}`,
      url: `http://127.0.0.1:${PORT}/chef-projet-digital.html`,
      reuseExistingServer: false,
      timeout: 20_000,
    },
    {
      // The same site built with `--public-url /docs/` (scripts/test.sh), served under /docs/.
      command: `bash scripts/serve-dist.sh ${PORT + 1} target/e2e-sub`,
      url: `http://127.0.0.1:${PORT + 1}/docs/chef-projet-digital.html`,
      reuseExistingServer: false,
      timeout: 20_000,
    },
  ],
});
