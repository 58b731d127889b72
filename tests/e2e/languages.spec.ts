import { test, expect, type Page } from '@playwright/test';
import { appReady, facts, served } from './helpers';

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
