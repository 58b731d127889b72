import { test, expect, type Page } from '@playwright/test';
import { ARTICLE, appReady, article, heading, scrollSettled } from './helpers';

// Failure modes (issue 5 §4): whatever breaks, the prerendered text stays readable, the contents
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
  await page.getByRole('navigation', { name: 'Sommaire' }).getByRole('link', { name: heading('qui-est') }).click();
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

for (const [what, answer] of [
  ['answering 500', { status: 500, body: 'Internal Server Error' }],
  ['malformed', { status: 200, contentType: 'application/json', body: '{"title": "Chef de' }],
] as const) {
  test(`content JSON ${what}: the prerendered page never needs it, and hydrates`, async ({ page }) => {
    let asked = 0;
    await page.route(/content\/.*\.json$/, (route) => {
      asked++;
      return route.fulfill(answer);
    });
    await page.goto(ARTICLE);
    await appReady(page);
    await expect(status(page)).toBeEmpty();
    await stillReadable(page);
    await expect(page.getByRole('heading', { name: heading('qui-est'), exact: true })).toBeFocused();
    expect(asked).toBe(0);
  });
}

// A model that fails when the app does need it (no prerender) is covered in article.spec.ts:
// the French error, « Réessayer », and nothing half-rendered.

test('slow network: the text first, a note while the wasm travels, then the app', async ({ page }) => {
  await page.route(/\.wasm(\?.*)?$/, async (route) => {
    await new Promise((r) => setTimeout(r, 6_000));
    await route.fallback();
  });
  await page.goto(ARTICLE, { waitUntil: 'commit' });
  // The prerendered text is there long before the wasm.
  await expect(page.getByRole('heading', { level: 1, name: model.title })).toBeVisible({ timeout: 2_000 });
  await expect(status(page)).toHaveText(/^Chargement des fonctions interactives/, { timeout: 5_500 });
  await expect(page.locator('html')).not.toHaveAttribute('data-app', 'ready');
  await stillReadable(page);
  await appReady(page);
  await expect(status(page)).toBeEmpty();
});
