import { test, expect } from '@playwright/test';
import { ARTICLE, article, heading, watchConsole, appReady, expectHeadingClear, toc } from './helpers';

const model = article();

test.describe('the article', () => {
  test('shows every paragraph of the client text, section by section', async ({ page }) => {
    const errors = watchConsole(page);
    await page.goto(ARTICLE);
    await appReady(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Chef de Projet Digital' })).toBeVisible();
    expect(model.texts.map((p) => p.length)).toEqual([2, 2, 1, 3, 2]);
    for (const [i, section] of model.sections.entries()) {
      const region = page.getByRole('region', { name: section.heading });
      await expect(region).toBeVisible();
      const paragraphs = region.locator('p');
      await expect(paragraphs).toHaveCount(model.texts[i].length);
      for (const [j, text] of model.texts[i].entries()) {
        await expect(paragraphs.nth(j)).toHaveText(text);
        await expect(paragraphs.nth(j)).toBeVisible();
      }
    }
    // A few sentences checked against the client's wording (with the agreed corrections).
    await expect(page.getByText('Le chef de projet digital est le chef d’orchestre de votre produit digital.', { exact: false })).toBeVisible();
    await expect(page.getByText('Organisé et autonome, le chef de projet digital anime', { exact: false })).toBeVisible();
    await expect(page.getByText('techniques web et marketing', { exact: false })).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('the root path shows the article too', async ({ page }) => {
    const errors = watchConsole(page);
    await page.goto('/');
    await appReady(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Chef de Projet Digital' })).toBeVisible();
    await expect(toc(page).getByRole('link')).toHaveCount(5);
    expect(errors).toEqual([]);
  });

  test('the table of contents lists the five sections with the client anchors', async ({ page }) => {
    await page.goto(ARTICLE);
    const links = toc(page).getByRole('link');
    await expect(links).toHaveCount(5);
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(['#chef-projet-digital', '#missions', '#champs-actions', '#qui-est', '#structure']);
  });
});

test.describe('moving between sections', () => {
  test('each table-of-contents click moves without a reload and shows the heading', async ({ page }) => {
    const errors = watchConsole(page);
    await page.goto(ARTICLE);
    await appReady(page);
    await page.evaluate(() => ((window as any).__noReload = 'still here'));
    const historyStart = await page.evaluate(() => history.length);
    for (const [i, entry] of model.toc.entries()) {
      await toc(page).getByRole('link', { name: entry.label }).click();
      await expect(page).toHaveURL(new RegExp(`${ARTICLE}#${entry.anchor}$`));
      await expectHeadingClear(page, model.sections.find((s) => s.id === entry.anchor)!.heading);
      expect(await page.evaluate(() => history.length)).toBe(historyStart + i + 1);
    }
    expect(await page.evaluate(() => (window as any).__noReload)).toBe('still here');
    expect(errors).toEqual([]);
  });

  test('back and forward move between sections without a reload', async ({ page }) => {
    const errors = watchConsole(page);
    await page.goto(ARTICLE);
    await appReady(page);
    await page.evaluate(() => ((window as any).__noReload = 1));
    await toc(page).getByRole('link', { name: heading('missions') }).click();
    await expectHeadingClear(page, heading('missions'));
    await toc(page).getByRole('link', { name: heading('structure') }).click();
    await expectHeadingClear(page, heading('structure'));

    await page.goBack();
    await expect(page).toHaveURL(/#missions$/);
    await expectHeadingClear(page, heading('missions'));
    await page.goBack();
    await expect(page).toHaveURL(new RegExp(`${ARTICLE}$`));
    await expect(page.getByRole('heading', { level: 1 })).toBeInViewport();
    await page.goForward();
    await expect(page).toHaveURL(/#missions$/);
    await expectHeadingClear(page, heading('missions'));
    expect(await page.evaluate(() => (window as any).__noReload)).toBe(1);
    expect(errors).toEqual([]);
  });

  test('a link pasted cold lands on its section', async ({ page }) => {
    const errors = watchConsole(page);
    await page.goto(`${ARTICLE}#qui-est`);
    await appReady(page);
    await expectHeadingClear(page, heading('qui-est'));
    await expect(page.getByRole('heading', { name: heading('chef-projet-digital') })).not.toBeInViewport();
    expect(errors).toEqual([]);
  });
});

test.describe('unknown addresses', () => {
  test('show « page introuvable » with a link to the article, as a 404', async ({ page }) => {
    const errors = watchConsole(page);
    const response = await page.goto('/nulle-part/ici.html');
    expect(response?.status()).toBe(404);
    await appReady(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Page introuvable' })).toBeVisible();
    await page.getByRole('link', { name: /Lire «.Chef de Projet Digital.»/ }).click();
    await expect(page).toHaveURL(new RegExp(`${ARTICLE}$`));
    await expect(page.getByRole('heading', { level: 1, name: 'Chef de Projet Digital' })).toBeVisible();
    // The browser itself reports the 404 response of the first document: that one is expected.
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
  });
});
