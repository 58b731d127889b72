/** The hosts the end-to-end suites run on, one Playwright project each, and the sites each
 *  serves: read by playwright.config.ts (projects and servers) and by the helpers (addresses).
 *  - nginx: Debian's nginx with the shipped server block (scripts/serve-dist.sh), every site;
 *  - cloudflare: `wrangler pages dev`, Cloudflare's own asset handler on workerd;
 *  - netlify: Netlify's own redirects, static and headers engines (scripts/hosts/netlify.mjs);
 *  - github: GitHub Pages as documented, no custom headers (scripts/hosts/github-pages.mjs).
 *  The last three serve the root site and the fixture site under its base path
 *  (scripts/hosts/serve.sh), GitHub Pages the Jekyll blog too. `headers`: the host sends the
 *  headers the build wrote (`_headers`, nginx-site.conf); `encodes`: it answers `Accept-Encoding`
 *  here. `E2E_HOSTS=nginx,netlify` runs some only. */
/** Every suite of tests/e2e/; `only`, where a host has it, keeps the tests whose project, file
 *  and title it matches. */
const ALL = '*.spec.ts';

export const HOSTS = {
  nginx: { port: Number(process.env.E2E_PORT ?? 8081), sites: ['app', 'sub', 'fixture', 'blog'], headers: true, encodes: true, suites: ALL },
  cloudflare: { port: 8091, sites: ['app', 'fixture', 'blog'], headers: true, encodes: true, suites: ALL },
  // Netlify's CDN compresses on the fly; its local engines send files as they are.
  netlify: { port: 8101, sites: ['app', 'fixture', 'blog'], headers: true, encodes: false, suites: ALL },
  // What a host without headers puts at stake: addresses (the Jekyll blog's too), the policy,
  // the resilience checks (wasm or JS blocked, offline, the skip link, the phone menu).
  github: {
    port: 8111,
    sites: ['app', 'fixture', 'blog'],
    headers: false,
    encodes: false,
    suites: ALL,
    only: / (hosts|security|failure|offline|prerender)\.spec\.ts | reading\.spec\.ts .*(the skip link|on a phone, a disclosure)/,
  },
} as const;

export type Host = keyof typeof HOSTS;
export type SiteName = 'app' | 'sub' | 'fixture' | 'blog';

/** Each site: its build (scripts/test.sh), the port above the host's, its base path, the
 *  origin of its published addresses (its settings' `url`: scripts/test.sh sets no SITE_URL),
 *  and a page that answers once it is served (a path under the base). */
export const SITES: Record<SiteName, { dist: string; offset: number; base: string; origin: string; ready: string }> = {
  app: { dist: process.env.E2E_DIST ?? 'dist', offset: 0, base: '', origin: 'https://chef-projet-digital.example', ready: '/chef-projet-digital' },
  sub: { dist: process.env.E2E_SUB_DIST ?? 'target/e2e-sub', offset: 1, base: '/docs', origin: 'https://chef-projet-digital.example', ready: '/chef-projet-digital' },
  fixture: { dist: process.env.E2E_FIXTURE_DIST ?? 'target/e2e-fixture', offset: 2, base: '/essai', origin: 'https://fixture.example', ready: '/guide/syntaxe' },
  blog: { dist: process.env.E2E_BLOG_DIST ?? 'target/e2e-blog', offset: 3, base: '', origin: 'https://blog.example', ready: '/about/' },
};

/** The fixture site's next deploy (scripts/test.sh). tests/e2e/deploy.spec.ts serves the
 *  fixture site's build, then this one, itself: on a port of its own for each host that serves
 *  it, away from the projects' servers (10 more for each worker). */
export const NEXT_DEPLOY = {
  dist: process.env.E2E_NEXT_DIST ?? 'target/e2e-next',
  ports: { nginx: 8121, cloudflare: 8122 } as Partial<Record<Host, number>>,
};

/** The address the tests' servers listen on. */
export const LOOPBACK = '127.0.0.1';

/** A server of this machine on `port`: the origin of every address the tests ask. */
export function local(port: number): string {
  return `http://${LOOPBACK}:${port}`;
}

/** `path` as the site's own links write it: under its base path. */
export function sitePath(site: SiteName, path: string): string {
  return `${SITES[site].base}${path}`;
}

/** `path`'s published address, as the site's canonical links, sitemap and feeds write it. */
export function published(site: SiteName, path: string): string {
  return `${SITES[site].origin}${sitePath(site, path)}`;
}

/** The hosts this run serves (`E2E_HOSTS`, all by default). */
export function hostsRun(): Host[] {
  const all = Object.keys(HOSTS) as Host[];
  const asked = process.env.E2E_HOSTS?.split(',').filter(Boolean) ?? all;
  const unknown = asked.filter((h) => !all.includes(h as Host));
  if (unknown.length) throw new Error(`E2E_HOSTS: unknown host ${unknown.join(', ')} (hosts: ${all.join(', ')})`);
  return asked as Host[];
}

/** Whether `host` serves `site` in this run. */
export function serves(host: Host, site: SiteName): boolean {
  return (HOSTS[host].sites as readonly string[]).includes(site);
}

/** The port `host` serves `site` on. */
export function sitePort(host: Host, site: SiteName): number {
  return HOSTS[host].port + SITES[site].offset;
}

/** Where `host` serves `site`: origin and base path, no trailing slash. */
export function siteAddress(host: Host, site: SiteName): string {
  return `${local(sitePort(host, site))}${SITES[site].base}`;
}
