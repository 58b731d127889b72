import { test, expect, type Page } from '@playwright/test';
import { ARTICLE, appReady, article, heading, scrollSettled, toc } from './helpers';

// Failure modes: whatever breaks, the prerendered text stays readable, the contents
// work as plain anchors, and a discreet French note says what is degraded.

// Requests a service worker answers never reach page.route: keep the worker out of the way.
test.use({ serviceWorkers: 'block' });

const model = article();
const status = (page: Page) => page.locator('#app-status');

/** The whole text is on screen and the contents' links work as plain anchors. */
async function stillReadable(page: Page) {
  for (const [i, s] of model.sections.entries()) {
    await expect(page.getByRole('heading', { name: s.heading, exact: true })).toBeVisible();
    await expect(page.getByText(model.texts[i][0].slice(0, 60), { exact: false }).first()).toBeVisible();
  }
  await toc(page).getByRole('link', { name: heading('qui-est') }).click();
  await expect(page).toHaveURL(/#qui-est$/);
  await scrollSettled(page);
  await expect(page.getByRole('heading', { name: heading('qui-est'), exact: true })).toBeInViewport();
}

test('wasm blocked: readable, anchors work, « Mode simplifié » says so', async ({ page }) => {
  await page.route(/\.wasm(\?.*)?$/, (route) => route.abort());
  await page.goto(ARTICLE);
  await expect(status(page)).toHaveText(/^Mode simplifié : les fonctions interactives n’ont pas pu démarrer/);
  await expect(status(page)).toHaveAttribute('role', 'status');
  await stillReadable(page);
  await expect(page.locator('html')).not.toHaveAttribute('data-app', 'ready');
});

test('wasm failing to start (a corrupt module): the same note, nothing lost', async ({ page }) => {
  await page.route(/\.wasm(\?.*)?$/, (route) =>
    route.fulfill({ status: 200, contentType: 'application/wasm', body: 'this is not WebAssembly' }),
  );
  await page.goto(ARTICLE);
  await expect(status(page)).toHaveText(/^Mode simplifié/);
  await stillReadable(page);
});

test('the page needs no data: it asks for its own files only, and hydrates', async ({ page }) => {
  const asked: string[] = [];
  page.on('request', (r) => asked.push(new URL(r.url()).pathname));
  await page.goto(ARTICLE);
  await appReady(page);
  await expect(status(page)).toBeEmpty();
  await stillReadable(page);
  await expect(page.getByRole('heading', { name: heading('qui-est'), exact: true })).toBeFocused();
  // The page (at an address with no extension), its stylesheet, icon and manifest, the glue,
  // the wasm: no model, no JSON.
  const kinds = /\.(html|css|js|wasm|svg|png|webmanifest)$/;
  expect(asked.filter((path) => /\.[^/]*$/.test(path) && !kinds.test(path))).toEqual([]);
});

test('slow network: the text first, a note while the wasm travels, then the app', async ({ page }) => {
  // The wasm travels until the reader has been told: it is held until the note shows.
  let arrive = () => {};
  const travelling = new Promise<void>((resolve) => (arrive = resolve));
  await page.route(/\.wasm(\?.*)?$/, async (route) => {
    await travelling;
    await route.fallback();
  });
  await page.goto(ARTICLE, { waitUntil: 'commit' });
  // The prerendered text is there long before the wasm.
  await expect(page.getByRole('heading', { level: 1, name: model.title })).toBeVisible({ timeout: 2_000 });
  await expect(status(page)).toHaveText(/^Chargement des fonctions interactives/, { timeout: 5_500 });
  await expect(page.locator('html')).not.toHaveAttribute('data-app', 'ready');
  await stillReadable(page);
  arrive();
  await appReady(page);
  await expect(status(page)).toBeEmpty();
});
