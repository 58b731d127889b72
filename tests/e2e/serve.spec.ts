import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { host } from './helpers';
import { SITES } from './hosts';

// scripts/serve.sh's server (crates/publish/src/serve/), in a real browser: on the fixture
// site's release build, with the Trunk output its hook kept (scripts/test.sh), a copy of its
// content, and its base path. A save shows in the open page; a broken page shows over it, with
// file and line, in the page's language, while the last good page stays; the next good save
// clears it. The server is the native tests' build (`cargo test` builds every binary).
const KEPT = 'target/e2e-serve';
const SERVER = 'target/debug/serve';

/** A free port of the loopback interface. */
const freePort = () =>
  new Promise<number>((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });

test.describe('the development server', () => {
  test.use({ serviceWorkers: 'block' });
  let server: ChildProcess | undefined;
  let root = '';
  let origin = '';
  let page = '';

  test.beforeAll(async () => {
    test.skip(host() !== 'nginx', 'the development server is a host of its own: run once');
    test.skip(!existsSync(`${KEPT}/trunk`) || !existsSync(SERVER), `no ${KEPT}/trunk or ${SERVER}`);
    root = mkdtempSync(join(tmpdir(), 'cpd-serve-'));
    const base = SITES.fixture.base;
    cpSync(join(SITES.fixture.dist, base), join(root, 'dist'), { recursive: true });
    cpSync(`${KEPT}/trunk`, join(root, 'work/trunk'), { recursive: true });
    cpSync('tests/fixtures/site', join(root, 'content'), { recursive: true });
    // The hook's options, on the copy: a development build (as scripts/serve.sh's), and no
    // tests' data beside the other suites'.
    const env = JSON.parse(readFileSync(`${KEPT}/env.json`, 'utf8'));
    delete env.CPD_TEST_DATA;
    env.TRUNK_PROFILE = 'debug';
    env.CONTENT_DIR = join(root, 'content');
    env.I18N_DIR = resolve(env.I18N_DIR ?? 'i18n');
    writeFileSync(join(root, 'work/env.json'), JSON.stringify(env));
    const port = await freePort();
    server = spawn(SERVER, [], {
      env: { ...process.env, PORT: String(port), TRUNK_DIST: join(root, 'dist'), CPD_SERVE_DIR: join(root, 'work') },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    origin = `http://127.0.0.1:${port}`;
    page = `${origin}${base}/lectures`;
    await expect.poll(() => fetch(page).then((r) => r.status, () => 0), { timeout: 10_000 }).toBe(200);
  });

  test.afterAll(() => {
    server?.kill();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  test('a save shows in the open page; a broken page shows over it until fixed', async ({ page: tab }) => {
    const file = join(root, 'content/lectures.md');
    const good = readFileSync(file, 'utf8');
    await tab.goto(page);
    const heading = tab.getByRole('heading', { level: 1, name: 'Notes de lecture' });
    await expect(heading).toBeVisible();

    writeFileSync(file, `${good}\nUne phrase écrite pendant le service.\n`);
    await expect(tab.getByText('Une phrase écrite pendant le service.')).toBeVisible();

    // Front matter that is not YAML: the error, with its file and line, over the last good page.
    writeFileSync(file, good.replace('title:', 'title: [unclosed\nx:'));
    const alert = tab.getByRole('alert');
    await expect(alert.getByRole('heading', { name: 'Le site ne se construit plus' })).toBeVisible();
    await expect(alert).toContainText(/lectures\.md:\d+: invalid front matter/);
    await expect(heading).toBeVisible();
    // A page opened meanwhile shows it at once.
    await tab.reload();
    await expect(tab.getByRole('alert')).toContainText(/lectures\.md:\d+/);
    await expect(heading).toBeVisible();

    writeFileSync(file, good);
    await expect(tab.getByRole('alert')).toHaveCount(0);
    await expect(tab.getByText('Une phrase écrite pendant le service.')).toHaveCount(0);
    await expect(heading).toBeVisible();
  });
});
