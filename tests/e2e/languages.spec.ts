import { test, expect, type Page } from '@playwright/test';
import { appReady, facts, models, served } from './helpers';

// The interface speaks the page's language (i18n/<lang>.toml, chosen by the page's `lang`):
// nothing of another language's table is in its DOM or its accessibility tree, with the search
// dialog open. The owner's text is the page's own business (the fixture's French site name
// stands in its English page's bar).
const words = facts('fixture').words;

/** A table's words by key, a list (the months) as one entry per word. */
const entries = (table: Record<string, string | string[]>): [string, string][] =>
  Object.entries(table).flatMap(([key, w]) => (Array.isArray(w) ? w.map((x): [string, string] => [key, x]) : [[key, w]]));

/** The words of table `lang` that no other table has (not the language's own name, which a
 *  language switch shows on every page). */
function only(lang: string): string[] {
  const others = new Set(
    Object.entries(words)
      .filter(([l]) => l !== lang)
      .flatMap(([, table]) => entries(table).map(([, w]) => w)),
  );
  return entries(words[lang])
    .filter(([key, w]) => key !== 'language' && !others.has(w))
    .map(([, w]) => w)
    // Templates: their fixed part.
    .map((w) => w.split(/\{[a-z]+\}/)[0].trim())
    .filter((w) => w.length > 2);
}

/** Everything a reader or a screen reader could meet: markup (text and attributes) and the
 *  accessibility tree. */
async function everything(page: Page): Promise<string> {
  const markup = await page.evaluate(() => document.documentElement.outerHTML);
  const tree = await page.locator('body').ariaSnapshot();
  return `${markup}\n${tree}`;
}

for (const [path, lang, other, open] of [
  ['/en/reading/', 'en', 'fr', 'Search'],
  ['/guide/syntaxe', 'fr', 'en', 'Rechercher'],
] as const) {
  test(`a page in ${lang} has no word of the ${other} interface, dialog open or not`, async ({ page }) => {
    await page.goto(served('fixture') + path);
    await appReady(page);
    await page.getByRole('button', { name: open, exact: true }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.getByRole('searchbox').fill('zzzyx');
    await expect(page.getByRole('dialog').getByRole('status')).toHaveText(words[lang].search_none);
    const seen = await everything(page);
    // Whole words: « Tableau » is not "Table".
    const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const foreign = only(other).filter((w) => new RegExp(`(^|[^\\p{L}])${escape(w)}($|[^\\p{L}])`, 'u').test(seen));
    expect(foreign).toEqual([]);
    // And its own language's words are there.
    for (const key of ['skip_link', 'site_menu', 'theme_group', 'search_label', 'app_slow']) {
      expect(seen).toContain(words[lang][key]);
    }
  });
}

// The site menu in the bar names the pages in the page's language: a menu page's translation
// where it has one (the fixture's French pages show « Notes de lecture » for the English
// « Reading notes »), never a title of another language's page.
for (const [path, lang, other] of [
  ['/en/reading/', 'en', 'fr'],
  ['/guide/syntaxe', 'fr', 'en'],
  ['/lectures', 'fr', 'en'],
] as const) {
  test(`the site menu of ${path}, a page in ${lang}, names no page in ${other}`, async ({ page }) => {
    await page.goto(served('fixture') + path);
    const titles = (l: string) => models('fixture').filter((m) => m.lang === l).map((m) => m.title);
    const menu = page.getByRole('banner').getByRole('navigation', { name: words[lang].site_menu });
    const names = await menu.getByRole('link').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((n) => titles(other).includes(n))).toEqual([]);
    expect(names.filter((n) => !titles(lang).includes(n))).toEqual([]);
    // None says it is in another language.
    await expect(menu.locator('[lang]')).toHaveCount(0);
  });
}
