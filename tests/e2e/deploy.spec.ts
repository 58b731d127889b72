import { test, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, cpSync, existsSync, openSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HASH, appReady, controlled, host, watchConsole } from './helpers';
import { NEXT_DEPLOY, SITES, local } from './hosts';

// A reader has a page of the fixture site open, and has pointed at a link; then the host's
// files are replaced by the next deploy (scripts/test.sh builds it: one more paragraph, so
// another text and another search index; its code's names are changed here as a code change
// would change them, so that the open page's names are all gone). On nginx with the shipped
// configuration and on Cloudflare's engine.

const NEXT = NEXT_DEPLOY.dist;
const BASE = SITES.fixture.base;
/** The folder of a build that holds the site: its base path's. */
const SITE_FOLDER = BASE.slice(1);
const NEW_WORD = 'zéphyrine';

const menu = (page: Page) => page.getByRole('navigation', { name: 'Pages du site' });
const contents = (page: Page) => page.getByRole('navigation', { name: 'Sommaire' });
const field = (page: Page) => page.getByRole('searchbox');
const searchStatus = (page: Page) => page.getByRole('dialog').getByRole('status');
const results = (page: Page) => page.getByRole('dialog').getByRole('list').getByRole('link');

/** What the search's status line says when it cannot answer (i18n/fr.toml). */
const FAILURES = /hors ligne|introuvable|illisible|mis à jour|pas pu/;

/** Waits for the answer to the query typed last: the list is no longer marked busy. */
async function answered(page: Page) {
  await expect(page.getByRole('dialog').getByRole('list')).not.toHaveAttribute('aria-busy', 'true');
}

/** Checks that no status line of the page (the dialog's, the page's) says something failed. */
async function nothingSaid(page: Page) {
  const said = await page.getByRole('status').allTextContents();
  expect(said.filter((text) => FAILURES.test(text))).toEqual([]);
}

/** The folder a host serves: the build under its base path's folder, `_headers` and
 *  `_redirects` at its root, where Cloudflare Pages reads them. */
function upload(build: string, root: string) {
  for (const name of readdirSync(root)) rmSync(join(root, name), { recursive: true, force: true });
  cpSync(join(build, SITE_FOLDER), join(root, SITE_FOLDER), { recursive: true });
  for (const name of ['_headers', '_redirects']) {
    if (existsSync(join(root, SITE_FOLDER, name))) renameSync(join(root, SITE_FOLDER, name), join(root, name));
  }
}

/** Every file under `dir`. */
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));

/** The next deploy, with new names for its code (the wasm, its glue, the stylesheets, the
 *  search's code): every file that names them rewritten, their compressed twins dropped. */
function nextBuild(): string {
  const build = mkdtempSync(join(tmpdir(), 'cpd-next-'));
  cpSync(join(NEXT, SITE_FOLDER), join(build, SITE_FOLDER), { recursive: true });
  const code = new RegExp(`${HASH}(?=(_bg)?\\.(js|wasm|css)(\\.br|\\.gz)?$)`);
  const renames = new Map<string, string>();
  for (const file of walk(build)) {
    const name = file.split('/').pop()!;
    const hash = name.match(code)?.[0];
    if (!hash) continue;
    const renamed = hash.replace(/[0-9a-f]+/, (digits) => [...digits].reverse().join(''));
    renames.set(name.replace(/(\.br|\.gz)$/, ''), name.replace(hash, renamed).replace(/(\.br|\.gz)$/, ''));
    renameSync(file, file.replace(name, name.replace(hash, renamed)));
  }
  expect(renames.size).toBeGreaterThan(4);
  for (const file of walk(build).filter((f) => !/\.(br|gz|wasm|bin|png|jpg|svg)$/.test(f))) {
    const text = readFileSync(file, 'utf8');
    let next = text;
    for (const [from, to] of renames) next = next.split(from).join(to);
    if (next === text) continue;
    writeFileSync(file, next);
    rmSync(`${file}.br`, { force: true });
    rmSync(`${file}.gz`, { force: true });
  }
  return build;
}

/** Serves `root` with the project's host, until `stop`. */
async function serve(root: string) {
  const port = NEXT_DEPLOY.ports[host()]! + 10 * test.info().parallelIndex;
  const command =
    host() === 'nginx'
      ? ['scripts/serve-dist.sh', String(port), root]
      : ['scripts/hosts/serve.sh', 'cloudflare', String(port), root];
  const log = join(root, '..', `${root.split('/').pop()}.log`);
  const out = openSync(log, 'w');
  const server: ChildProcess = spawn('bash', command, { detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  const url = local(port);
  await expect
    .poll(() => fetch(`${url}${BASE}/`).then((r) => r.status, () => 0), {
      timeout: 60_000,
      message: `${command.join(' ')} answers (its output: ${log})`,
    })
    .toBe(200);
  return {
    url,
    stop: async () => {
      // The whole group: the script and the server it started; then the port is free.
      if (server.exitCode === null) process.kill(-server.pid!, 'SIGKILL');
      await expect.poll(() => fetch(url).then(() => 'up', () => 'down'), { timeout: 15_000 }).toBe('down');
    },
  };
}

/** Waits until the host answers with the whole next deploy at `build`: each of its files, the
 *  pages and the worker as written, and the old code gone. (Wrangler watches its folder and takes a
 *  moment to see every file: a Cloudflare deploy is atomic.) */
async function deployed(url: string, build: string, oldGlue: string) {
  const site = join(build, SITE_FOLDER);
  const files = walk(site)
    .map((file) => file.slice(site.length))
    .filter((file) => !/(\.br|\.gz|\/_headers|\/_redirects|\/nginx-site\.conf)$/.test(file));
  await expect
    .poll(
      async () => {
        const answers = await Promise.all(
          files.map(async (file) => {
            const r = await fetch(`${url}${BASE}${file}`);
            // The pages and the worker as they are now, not as the host saw them before.
            const text = /\.html$|\/sw\.js$/.test(file);
            const whole = r.ok && (!text || (await r.text()) === readFileSync(join(site, file), 'utf8'));
            return whole ? '' : `${BASE}${file}: ${r.status}`;
          }),
        );
        const old = (await fetch(`${url}${oldGlue}`)).status;
        return [...answers.filter(Boolean), ...(old === 404 ? [] : [`${oldGlue}: ${old}`])];
      },
      { timeout: 30_000 },
    )
    .toEqual([]);
}

const boot = (page: Page) => page.locator('#cpd-boot').evaluate((el) => JSON.parse(el.textContent!));

test.describe('a new deploy under an open page', () => {
  // One after the other, on the project's one port; wrangler takes seconds to start.
  test.describe.configure({ mode: 'default', timeout: 90_000 });
  // Set by beforeEach, unless it skips.
  let root = '';
  let next = '';
  let server: Awaited<ReturnType<typeof serve>> | undefined;
  test.beforeEach(async () => {
    test.skip(!(host() in NEXT_DEPLOY.ports), 'a deploy is tested on nginx and on Cloudflare Pages');
    test.skip(!existsSync(NEXT), `no next deploy in ${NEXT}`);
    root = mkdtempSync(join(tmpdir(), 'cpd-host-'));
    next = nextBuild();
    upload(SITES.fixture.dist, root);
    server = await serve(root);
  });
  /** Replaces the host's files with the next deploy's, and waits until the host serves them. */
  async function redeploy(oldGlue: string) {
    upload(next, root);
    await deployed(server!.url, next, oldGlue);
  }

  test.afterEach(async () => {
    await server?.stop();
    server = undefined;
    for (const folder of [root, next]) if (folder) rmSync(folder, { recursive: true, force: true });
  });

  test('with the service worker: sections, search, the next page hydrated, offline throughout', async ({ page, context }) => {
    const errors = watchConsole(page);
    await page.goto(`${server!.url}${BASE}/guide/syntaxe`);
    await appReady(page);
    await controlled(page);
    const [oldCache] = await page.evaluate(() => caches.keys());
    const old = await boot(page);
    await menu(page).getByRole('link', { name: 'Site d’essai' }).hover();

    await redeploy(old.glue);

    // Moving between sections needs nothing from the host.
    await contents(page).getByRole('link', { name: 'Listes' }).first().click();
    await expect(page).toHaveURL(/#listes$/);
    await expect(page.getByRole('heading', { name: 'Listes', exact: true })).toBeFocused();

    // Search answers, from either deploy, and says nothing of the change.
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await field(page).fill('syntaxe');
    await answered(page);
    await expect(searchStatus(page)).toHaveText(/résultat/);
    await expect(results(page).first()).toBeVisible();
    await field(page).fill(NEW_WORD);
    await answered(page);
    await expect(searchStatus(page)).toHaveText(/résultat/);
    await nothingSaid(page);
    await page.keyboard.press('Escape');
    // After its first results the search reads the whole index in the background: the old
    // deploy's, which the worker may not hold (past its budget) and the host has no more. The
    // search goes on file by file, and the console says so (the reader is told nothing).
    await expect
      .poll(async () => (await page.getByRole('dialog', { includeHidden: true }).getAttribute('data-index')) === 'whole' || errors.some((e) => /whole-/.test(e)))
      .toBe(true);
    errors.length = 0;

    // The next page is the new deploy's, hydrated with its code, without an error.
    await menu(page).getByRole('link', { name: 'Site d’essai' }).click();
    await expect(page).toHaveURL(`${server!.url}${BASE}/`);
    await expect(page.getByText(NEW_WORD)).toBeVisible();
    await appReady(page);
    const now = await boot(page);
    expect(now.wasm).not.toBe(old.wasm);
    expect(errors).toEqual([]);

    // On the next load at the latest, the new deploy's worker takes over (it precaches the
    // deploy first), and reading goes on offline.
    await page.reload();
    await appReady(page);
    await expect
      .poll(() => page.evaluate(() => caches.keys()), { timeout: 30_000 })
      .toEqual([expect.not.stringMatching(oldCache)]);
    await page.waitForFunction(async () => (await navigator.serviceWorker.ready).active === navigator.serviceWorker.controller);
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByText(NEW_WORD)).toBeVisible();
    await appReady(page);
    await page.goto(`${server!.url}${BASE}/guide/syntaxe#listes`);
    await appReady(page);
    await expect(page.getByRole('heading', { name: 'Listes', exact: true })).toBeInViewport();
  });

  test('without a service worker: the search switches to the new index once, silently', async ({ browser }) => {
    // Two readers of the old deploy: one has searched already, the other not yet. (The whole
    // index, which the first would read after its first results, would answer every word from
    // the old deploy: that reader is kept to the files each search needs.)
    // Each in a window of its own: a page in the background paints nothing, and its islands
    // wait for the first paint.
    const contexts = await Promise.all([0, 1].map(() => browser.newContext({ serviceWorkers: 'block' })));
    try {
      const [searched, idle] = await Promise.all(contexts.map((c) => c.newPage()));
      for (const page of [searched, idle]) {
        await page.goto(`${server!.url}${BASE}/guide/syntaxe`);
        await appReady(page);
      }
      await searched.route(/\/whole-[0-9a-f]+\.bin$/, (route) => route.abort());
      const old = await boot(searched);
      await searched.getByRole('button', { name: 'Rechercher' }).click();
      await field(searched).fill('syntaxe');
      await expect(searchStatus(searched)).toHaveText(/résultat/);

      await redeploy(old.glue);

      // The reader who searched goes on: every word gets an answer, from the old deploy's files
      // it holds or, once one is gone, from the new deploy's, and never an error.
      for (const word of ['tableaux', 'typographie', NEW_WORD]) {
        await field(searched).fill(word);
        await answered(searched);
        await expect(searchStatus(searched)).toHaveText(/résultat/);
        await nothingSaid(searched);
      }
      // The other has nothing of the old deploy's search: its code and index are the new ones.
      await idle.getByRole('button', { name: 'Rechercher' }).click();
      await field(idle).fill(NEW_WORD);
      await answered(idle);
      await expect(results(idle).first()).toHaveAttribute('href', new RegExp(`^${BASE}/(#|$)`));
      await expect(searchStatus(idle)).toHaveText(/^1 résultat$/);
      await nothingSaid(idle);
    } finally {
      await Promise.all(contexts.map((c) => c.close()));
    }
  });
});
