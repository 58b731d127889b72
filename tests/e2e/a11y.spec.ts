import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { ARTICLE, appReady, heading, scrollSettled, toc } from './helpers';

// axe-core against WCAG 2.0, 2.1 and 2.2 A/AA, in four states: first load, after a
// contents click, phone with the menu open in dark, reduced motion. Each state prints one line
// (rules passed, violations, left for review).
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function audit(page: Page, state: string) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  console.log(`axe ${state}: ${results.passes.length} rules passed, ${results.violations.length} violations, ${results.incomplete.length} to review${results.incomplete.map((i) => ` [${i.id}: ${i.nodes.map((n) => n.target.join(" ")).join(", ")}]`).join("")}`);
  expect(summary, state).toEqual([]);
}

test('axe: first load, desktop, light', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(ARTICLE);
  await appReady(page);
  await audit(page, 'first load, desktop, light');
});

test('axe: after a table-of-contents click', async ({ page }) => {
  await page.goto(ARTICLE);
  await appReady(page);
  await toc(page).getByRole('link', { name: heading('champs-actions') }).click();
  await scrollSettled(page);
  await expect(page.getByRole('heading', { name: heading('champs-actions'), exact: true })).toBeFocused();
  await audit(page, 'after a table-of-contents click');
});

test('axe: 360 px phone, dark, menu open', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(ARTICLE);
  await appReady(page);
  const button = page.getByRole('button', { name: 'Sommaire' });
  await button.click();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await audit(page, '360 px phone, dark, menu open');
});

test('axe: reduced motion, dark chosen with the switch', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(ARTICLE);
  await appReady(page);
  await page.getByRole('button', { name: 'Thème sombre' }).click();
  await toc(page).getByRole('link', { name: heading('structure') }).click();
  await audit(page, 'reduced motion, dark chosen with the switch');
});
