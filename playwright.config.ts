import { defineConfig } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { HOSTS, SITES, hostsRun, serves, siteAddress, sitePort, type SiteName } from './tests/e2e/hosts';

// End-to-end tests against the release builds, one project per host (tests/e2e/hosts.ts): the
// same suites on the shipped nginx configuration and on the hosts' own engines. The browser is
// Debian's Chromium: Playwright never downloads one. E2E_DIST and the like choose other builds;
// a site whose build is absent is not served (its tests skip).
const hosts = hostsRun();

/** How each host serves a folder. */
const command = (host: string, port: number, dir: string) =>
  host === 'nginx' ? `bash scripts/serve-dist.sh ${port} ${dir}` : `bash scripts/hosts/serve.sh ${host} ${port} ${dir}`;

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  reporter: [['list']],
  timeout: 30_000,
  use: {
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
  projects: hosts.map((host) => ({
    name: host,
    use: { baseURL: siteAddress(host, 'app') },
    testMatch: HOSTS[host].suites,
    ...('only' in HOSTS[host] ? { grep: HOSTS[host].only } : {}),
  })),
  webServer: hosts.flatMap((host) =>
    (Object.keys(SITES) as SiteName[])
      .filter((site) => serves(host, site) && (site === 'app' || existsSync(SITES[site].dist)))
      .map((site) => {
        const port = sitePort(host, site);
        return {
          command: command(host, port, SITES[site].dist),
          url: `${siteAddress(host, site)}${SITES[site].ready}`,
          reuseExistingServer: false,
          // wrangler starts workerd, which takes a few seconds on a busy machine.
          timeout: 60_000,
        };
      }),
  ),
});
