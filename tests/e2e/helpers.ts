import { expect, test, type Page, type ConsoleMessage } from '@playwright/test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { HOSTS, SITES, serves, siteAddress, type Host, type SiteName } from './hosts';

/** The article's address, as the site's links, canonical and sitemap write it. Its file's own
 *  name, `/chef-projet-digital.html`, answers too (`OLD_ARTICLE`). */
export const ARTICLE = '/chef-projet-digital';
export const OLD_ARTICLE = `${ARTICLE}.html`;

/** The host the running project serves the sites with (tests/e2e/hosts.ts). */
export function host(): Host {
  return test.info().project.name as Host;
}

/** What this project's host does with the site (tests/e2e/hosts.ts): sends the build's
 *  headers, encodes answers. */
export function hosting(): (typeof HOSTS)[Host] {
  return HOSTS[host()];
}

/** Where this project's host serves a site other than the app (the app is the `baseURL`):
 *  origin and base path, no trailing slash. A test that needs a site the host does not serve,
 *  or whose build is absent, is skipped here, saying so. */
export function served(site: Exclude<SiteName, 'app'>): string {
  const on = host();
  if (!serves(on, site)) test.skip(true, `the ${site} site is served on nginx only`);
  if (!existsSync(SITES[site].dist)) test.skip(true, `no ${site} build in ${SITES[site].dist}`);
  return siteAddress(on, site);
}

/** What the build wrote for the tests beside each site (`CPD_TEST_DATA`, see scripts/test.sh),
 *  never deployed: the pages' models and the build's facts. */
const DATA = {
  app: process.env.E2E_DATA ?? 'target/e2e-data/app',
  sub: process.env.E2E_SUB_DATA ?? 'target/e2e-data/sub',
  fixture: process.env.E2E_FIXTURE_DATA ?? 'target/e2e-data/fixture',
  blog: process.env.E2E_BLOG_DATA ?? 'target/e2e-data/blog',
};
type Site = keyof typeof DATA;

/** What the build knows and the tests must not repeat: crates/publish/src/write.rs's `Facts`. */
export type Facts = {
  hashed_pattern: string;
  hash: string;
  file_kinds: { extension: string; media_type: string; text: boolean; compressed: boolean; precached: boolean }[];
  csp_header: string;
  csp_meta: string;
  script_hashes: string[];
  base: string;
  /** The interface's words, by language (i18n/<lang>.toml): strings, and `months`, a list. */
  words: Record<string, Record<string, string>>;
};

const factsRead: Partial<Record<Site, Facts>> = {};
/** The build's facts for a site. */
export function facts(site: Site = 'app'): Facts {
  return (factsRead[site] ??= JSON.parse(readFileSync(`${DATA[site]}/facts.json`, 'utf8')));
}

/** The content hash in a file name, as the build's policy writes it: `-<hex digits>`, then
 *  `_bg` for the wasm (`name-<hash>.ext`, `name-<hash>_bg.wasm`). */
export const HASH = facts().hash;

// Inline content, externally tagged: {"text": "…"}, {"emphasis": [...]}, {"link": {href, children}}.
type Inline = Record<string, any>;
type Block = Record<string, any>;
/** A page's model, with the article's shape: headings as text, and each section's paragraphs. */
export type Article = {
  title: string;
  summary: string;
  toc: { anchor: string; label: string; depth: number }[];
  part: string | null;
  lead: Inline[][];
  sections: { id: string; heading: string; paragraphs: Inline[][] }[];
};
type Model = Omit<Article, 'part' | 'lead' | 'sections'> & {
  part: Inline[] | null;
  lead: Block[];
  sections: { id: string; heading: Inline[]; blocks: Block[] }[];
};

export function plain(inlines: Inline[]): string {
  return inlines
    .map((i) => {
      if (typeof i === 'string') return i === 'break' ? ' ' : '';
      if ('text' in i) return i.text;
      if ('code' in i) return i.code;
      if ('link' in i) return plain(i.link.children);
      if ('element' in i) return plain(i.element.children);
      if ('image' in i) return i.image.alt;
      if ('footnote-ref' in i) return '';
      return plain(i.emphasis ?? i.strong ?? i.strike ?? []);
    })
    .join('');
}

const paragraphs = (blocks: Block[]): Inline[][] =>
  blocks.filter((b) => typeof b === 'object' && 'paragraph' in b).map((b) => b.paragraph);

let cached: (Article & { texts: string[][] }) | undefined;

/** A page's model as the build wrote it for the tests (`<source>.json`, never deployed). */
export function model(source: string, site: Site = 'fixture'): Model {
  return JSON.parse(readFileSync(`${DATA[site]}/${source}.json`, 'utf8'));
}

/** Every page's model the build wrote for the tests (`<source>.json` under its folder). */
export function models(site: Site = 'fixture'): Model[] {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) return files(path);
      return entry.name.endsWith('.json') && path !== `${DATA[site]}/facts.json` ? [path] : [];
    });
  return files(DATA[site]).map((file) => JSON.parse(readFileSync(file, 'utf8')));
}

/** The client's article, with each paragraph as plain text (read once). */
export function article(): Article & { texts: string[][] } {
  if (!cached) {
    const m: Model = model('chef-projet-digital', 'app');
    const a: Article = {
      ...m,
      part: m.part ? plain(m.part) : null,
      lead: paragraphs(m.lead),
      sections: m.sections.map((s) => ({ id: s.id, heading: plain(s.heading), paragraphs: paragraphs(s.blocks) })),
    };
    cached = { ...a, texts: a.sections.map((s) => s.paragraphs.map(plain)) };
  }
  return cached;
}

/** A section's heading text, as the build typeset it (narrow no-break spaces and all). */
export function heading(id: string): string {
  return article().sections.find((s) => s.id === id)!.heading;
}

/** A table-of-contents entry's label, for the section with this anchor. */
export function label(anchor: string): string {
  return article().toc.find((t) => t.anchor === anchor)!.label;
}

/** The on-page table of contents (the phone menu's copy is a separate, hidden list). */
export function toc(page: Page) {
  return page.getByRole('navigation', { name: 'Sommaire' });
}

/** Collects console errors and uncaught exceptions for the test's page. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

/** Waits until the service worker has installed (every file precached) and controls the page. */
export async function controlled(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** Waits until the wasm has taken over the page. */
export async function appReady(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('data-app', 'ready', { timeout: 15_000 });
}

/** The sticky bar's bottom edge, in viewport pixels. */
export async function barBottom(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelector('header.site-bar')!.getBoundingClientRect().bottom);
}

/** Waits until smooth scrolling has stopped: the scroll position holds for 150 ms. */
export async function scrollSettled(page: Page) {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        let last = window.scrollY;
        let still = 0;
        const tick = () => {
          still = window.scrollY === last ? still + 1 : 0;
          last = window.scrollY;
          if (still >= 9) resolve();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
}

/** Asserts the heading is entirely in the viewport and not under the sticky bar, once the
 *  scroll has come to rest (the next click must not land on a moving page). */
export async function expectHeadingClear(page: Page, name: string) {
  await scrollSettled(page);
  const heading = page.getByRole('heading', { name, exact: true });
  await expect(heading).toBeInViewport({ ratio: 1 });
  // Wait for smooth scrolling to settle before measuring.
  await expect
    .poll(async () => {
      const top = await heading.evaluate((h) => h.getBoundingClientRect().top);
      return top >= (await barBottom(page));
    })
    .toBe(true);
}

/** Waits for `n` frames of the page: what it shows has been painted `n` times. */
export async function frames(page: Page, n = 2) {
  await page.evaluate(
    (n) =>
      new Promise<void>((resolve) => {
        const tick = (left: number) => (left ? requestAnimationFrame(() => tick(left - 1)) : resolve());
        tick(n);
      }),
    n,
  );
}

/** Whether the page keeps still for `n` frames (no scroll moves it). */
export async function stillFor(page: Page, n: number): Promise<boolean> {
  return page.evaluate(
    (n) =>
      new Promise<boolean>((resolve) => {
        const start = window.scrollY;
        const tick = (left: number) =>
          window.scrollY !== start ? resolve(false) : left ? requestAnimationFrame(() => tick(left - 1)) : resolve(true);
        tick(n);
      }),
    n,
  );
}
