import { test, expect, type Page } from '@playwright/test';
import { ARTICLE, appReady, article, barBottom, heading, scrollSettled, stillFor, toc, watchConsole } from './helpers';

// The reading experience: outline and phone menu, scrollspy, copy links, back to top,
// focus and titles, layout, themes, print. What axe cannot check is checked here.

const model = article();
const SITE_TITLE = model.title;
/** The href of the table-of-contents entry marked as the section in view, or null. */
const currentEntry = (page: Page) =>
  toc(page).evaluate((nav) => nav.querySelector('a[aria-current="location"]')?.getAttribute('href') ?? null);

/** Scrolls with the mouse wheel (a reader's own scrolling) until `done` holds, at most 60 turns. */
async function wheelUntil(page: Page, dy: number, done: () => Promise<boolean>) {
  const size = page.viewportSize()!;
  await page.mouse.move(size.width / 2, size.height / 2);
  for (let i = 0; i < 60 && !(await done()); i++) {
    await page.mouse.wheel(0, dy);
    await scrollSettled(page);
  }
  await scrollSettled(page);
}

/** Where a section's heading is, relative to the sticky bar's bottom edge. */
const headingTop = (page: Page, id: string) =>
  page.evaluate((id) => document.getElementById(id)!.getBoundingClientRect().top, id);

test.describe('scrollspy', () => {
  test('a click marks its entry at once, moves focus and title, and never flickers on the way', async ({ page }) => {
    const errors = watchConsole(page);
    await page.goto(ARTICLE);
    await appReady(page);
    expect(await currentEntry(page)).toBeNull();
    // Record every entry that is ever marked while the smooth scroll runs.
    await toc(page).evaluate((nav) => {
      (window as any).__marked = [];
      new MutationObserver(() => {
        const a = nav.querySelector('a[aria-current="location"]');
        (window as any).__marked.push(a?.getAttribute('href') ?? null);
      }).observe(nav, { attributes: true, subtree: true, attributeFilter: ['aria-current'] });
    });
    await toc(page).getByRole('link', { name: heading('qui-est') }).click();
    await scrollSettled(page);
    // Focus lands without a second jump: the page stays where the scroll brought it.
    expect(await stillFor(page, 20)).toBe(true);
    expect(await currentEntry(page)).toBe('#qui-est');
    // Three sections lie between the top and « Qui est… »: none of them was ever marked.
    expect(new Set(await page.evaluate(() => (window as any).__marked))).toEqual(new Set(['#qui-est']));
    await expect(page.getByRole('heading', { name: heading('qui-est'), exact: true })).toBeFocused();
    await expect(page).toHaveTitle(`${heading('qui-est')} — ${SITE_TITLE}`);
    expect(await headingTop(page, 'qui-est')).toBeGreaterThanOrEqual(await barBottom(page));
    expect(errors).toEqual([]);
  });

  test('scrolling by hand moves the mark, and above the first section nothing is marked', async ({ page }) => {
    await page.goto(ARTICLE);
    await appReady(page);
    const bar = await barBottom(page);
    // Bring « Que fait… » just under the bar: it becomes the section in view.
    await wheelUntil(page, 120, async () => (await headingTop(page, 'missions')) < bar + 60);
    await expect.poll(() => currentEntry(page)).toBe('#missions');
    await wheelUntil(page, 120, async () => (await headingTop(page, 'champs-actions')) < bar + 60);
    await expect.poll(() => currentEntry(page)).toBe('#champs-actions');
    await wheelUntil(page, -400, async () => (await page.evaluate(() => window.scrollY)) === 0);
    await expect.poll(() => currentEntry(page)).toBeNull();
  });

  test('at the very bottom of the page the last section is marked, short as it is', async ({ page }) => {
    await page.goto(ARTICLE);
    await appReady(page);
    await page.locator('body').press('End');
    await scrollSettled(page);
    const atBottom = await page.evaluate(
      () => Math.ceil(window.scrollY + window.innerHeight) >= document.documentElement.scrollHeight - 2,
    );
    expect(atBottom).toBe(true);
    await expect.poll(() => currentEntry(page)).toBe('#structure');
  });

  for (const [device, viewport] of [
    ['desktop', { width: 1280, height: 800 }],
    ['phone', { width: 360, height: 740 }],
  ] as const) {
    test(`a cold link with a hash marks its section (${device})`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.goto(`${ARTICLE}#champs-actions`);
      await appReady(page);
      await scrollSettled(page);
      await expect.poll(() => currentEntry(page)).toBe('#champs-actions');
      expect(await headingTop(page, 'champs-actions')).toBeGreaterThanOrEqual(await barBottom(page));
      await expect(page).toHaveTitle(`${heading('champs-actions')} — ${SITE_TITLE}`);
    });
  }
});

test.describe('outline and phone menu', () => {
  test('on a wide screen the contents sit beside the text and stay in view', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(ARTICLE);
    await appReady(page);
    await expect(page.getByRole('button', { name: 'Sommaire' })).toBeHidden();
    const nav = await toc(page).boundingBox();
    const text = await page.locator('.sections').boundingBox();
    expect(nav!.x).toBeGreaterThanOrEqual(text!.x + text!.width);
    await toc(page).getByRole('link', { name: heading('structure') }).click();
    await scrollSettled(page);
    await expect(toc(page)).toBeInViewport();
  });

  test('on a phone, a disclosure button opens the sections, and closes on Escape or a choice', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(ARTICLE);
    await appReady(page);
    const button = page.getByRole('button', { name: 'Sommaire' });
    const menu = page.locator('#menu-sections');
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await expect(button).toHaveAttribute('aria-controls', 'menu-sections');
    await expect(menu).toBeHidden();

    await button.click();
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await expect(menu.getByRole('link')).toHaveCount(5);
    await page.keyboard.press('Escape');
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await expect(menu).toBeHidden();
    await expect(button).toBeFocused();

    // Keyboard alone: open, tab into the list, choose.
    await page.keyboard.press('Enter');
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await menu.getByRole('link', { name: heading('missions') }).click();
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await expect(page).toHaveURL(/#missions$/);
    await expect(page.getByRole('heading', { name: heading('missions'), exact: true })).toBeFocused();
    await scrollSettled(page);
    expect(await headingTop(page, 'missions')).toBeGreaterThanOrEqual(await barBottom(page));
    expect(await currentEntry(page)).toBe('#missions');
  });
});

test.describe('copy links and back to top', () => {
  test('each heading has a "#" link named after it; a click copies the URL and says « Lien copié »', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(ARTICLE);
    await appReady(page);
    for (const s of model.sections) {
      // French typography: narrow no-break spaces inside the guillemets.
      const name = `Lien vers la section «\u202f${s.heading}\u202f»`;
      await expect(page.getByRole('link', { name, exact: true })).toHaveAttribute('href', `#${s.id}`);
    }
    // The page's first live region is the one for announcements (the other reports a late start).
    const status = page.getByRole('status').first();
    await page.getByRole('link', { name: /^Lien vers la section « Que fait/ }).click();
    await expect(status).toHaveText('Lien copié');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(new URL(`${ARTICLE}#missions`, page.url()).href);
    // The message goes away, ready to be said again.
    await expect(status).toHaveText('', { timeout: 5_000 });
  });

  test('« Haut de page » appears past the first screen and takes the reader back up', async ({ page }) => {
    await page.goto(ARTICLE);
    await appReady(page);
    const back = page.getByRole('link', { name: 'Haut de page' });
    await expect(back).toBeHidden();
    const height = page.viewportSize()!.height;
    await wheelUntil(page, 300, async () => (await page.evaluate(() => window.scrollY)) > height * 1.5);
    await expect(back).toBeVisible();
    await back.click();
    await scrollSettled(page);
    expect(await page.evaluate(() => window.scrollY)).toBeLessThan(5);
    await expect(back).toBeHidden();
    await expect(page.getByRole('heading', { level: 1 })).toBeInViewport();
  });
});

test.describe('keyboard and focus', () => {
  test('the skip link is the first stop, and every focused element stays clear of the sticky bar', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(ARTICLE);
    await appReady(page);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Aller au contenu' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('main')).toBeFocused();
    // Walk the whole page with Tab: nothing focused outside the bar may hide under it, and
    // every stop shows a ring of at least 3:1 against the page.
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      await scrollSettled(page);
      const stop = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        if (!el || el === document.body) return null;
        const bar = document.querySelector('header.site-bar')!;
        const inBar = bar.contains(el);
        const style = getComputedStyle(el);
        const lum = (c: string) => {
          const [r, g, b] = (c.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => {
            const x = Number(v) / 255;
            return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
          });
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        const bg = getComputedStyle(document.body).backgroundColor;
        const [hi, lo] = [lum(style.outlineColor), lum(bg)].sort((a, b) => b - a);
        return {
          key: el.outerHTML.slice(0, 120),
          inBar,
          top: el.getBoundingClientRect().top,
          barBottom: bar.getBoundingClientRect().bottom,
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
          contrast: (hi + 0.05) / (lo + 0.05),
        };
      });
      // Back at the start (the browser's own UI, or the body): the walk is done.
      if (!stop || seen.has(stop.key)) break;
      seen.add(stop.key);
      if (!stop.inBar) expect(stop.top, stop.key).toBeGreaterThanOrEqual(stop.barBottom - 1);
      expect(stop.outline, stop.key).toBe(true);
      expect(stop.contrast, stop.key).toBeGreaterThanOrEqual(3);
    }
    expect(seen.size).toBeGreaterThan(10);
  });
});

test.describe('layout', () => {
  test('at 320 px nothing scrolls sideways and every control is at least 24×24', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(ARTICLE);
    await appReady(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    const small = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('a, button')]
        // Links inside a sentence are exempt (WCAG 2.5.8, inline).
        .filter((el) => !el.closest('p') && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
        .filter((el) => !el.classList.contains('skip-link'))
        .map((el) => ({ el: el.outerHTML.slice(0, 80), box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.width < 24 || box.height < 24)
        .map(({ el }) => el),
    );
    expect(small).toEqual([]);
  });

  test('print: no navigation or buttons, external URLs written out, headings kept with their text', async ({ page }) => {
    await page.goto(ARTICLE);
    await appReady(page);
    await page.evaluate(() => {
      const a = document.createElement('a');
      a.href = 'https://example.org/guide';
      a.textContent = 'un guide';
      a.id = 'external-probe';
      document.querySelector('.sections p')!.append(' ', a);
    });
    await page.emulateMedia({ media: 'print' });
    for (const selector of ['header.site-bar', 'nav.toc', '.copy-link', 'button', '.skip-link']) {
      const shown = await page.evaluate(
        (s) => [...document.querySelectorAll(s)].filter((el) => getComputedStyle(el).display !== 'none').length,
        selector,
      );
      expect(shown, selector).toBe(0);
    }
    const after = await page.evaluate(() => getComputedStyle(document.getElementById('external-probe')!, '::after').content);
    expect(after).toContain('https://example.org/guide');
    const breakAfter = await page.evaluate(() => getComputedStyle(document.querySelector('.section-heading')!).breakAfter);
    expect(breakAfter).toBe('avoid');
  });

  test('reduced motion turns off smooth scrolling and transitions', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(ARTICLE);
    await appReady(page);
    const style = await page.evaluate(() => ({
      scroll: getComputedStyle(document.documentElement).scrollBehavior,
      toast: getComputedStyle(document.querySelector('[role=status]')!).transitionDuration,
    }));
    expect(style.scroll).toBe('auto');
    expect(style.toast).toBe('0s');
    // A navigation lands at once: the page jumps to the heading, passing through nothing.
    await page.evaluate(() => {
      (window as any).__positions = [];
      addEventListener('scroll', () => (window as any).__positions.push(window.scrollY));
    });
    await toc(page).getByRole('link', { name: heading('structure') }).click();
    await expect.poll(async () => (await headingTop(page, 'structure')) >= (await barBottom(page))).toBe(true);
    expect(new Set(await page.evaluate(() => (window as any).__positions)).size).toBe(1);
  });
});

test.describe('colour schemes', () => {
  // Requests a service worker answers never reach page.route: keep the worker out of the way.
  test.use({ serviceWorkers: 'block' });
  const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const DARK = 'rgb(21, 23, 26)';
  const LIGHT = 'rgb(255, 255, 255)';

  test('follows the system, and the three-way switch overrides it', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(ARTICLE);
    await appReady(page);
    const group = page.getByRole('group', { name: 'Thème' });
    await expect(group.getByRole('button', { name: 'Thème du système' })).toHaveAttribute('aria-pressed', 'true');
    expect(await background(page)).toBe(DARK);
    await group.getByRole('button', { name: 'Thème clair' }).click();
    await expect(group.getByRole('button', { name: 'Thème clair' })).toHaveAttribute('aria-pressed', 'true');
    await expect(group.getByRole('button', { name: 'Thème du système' })).toHaveAttribute('aria-pressed', 'false');
    expect(await background(page)).toBe(LIGHT);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('light');
    await group.getByRole('button', { name: 'Thème du système' }).click();
    expect(await background(page)).toBe(DARK);
    expect(await page.evaluate(() => localStorage.getItem('cpd-theme'))).toBeNull();
  });

  test('a stored choice applies before the first paint, before any script of the app (wasm blocked)', async ({
    page,
  }) => {
    await page.goto(ARTICLE);
    await appReady(page);
    await page.getByRole('button', { name: 'Thème sombre' }).click();
    expect(await page.evaluate(() => localStorage.getItem('cpd-theme'))).toBe('dark');

    // Now the app cannot start at all: only the inline script in <head> can set the theme.
    await page.route(/\.(wasm|js)(\?.*)?$/, (route) => route.abort());
    // Sample the colours at the very first frame the document has a body.
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        (window as any).__firstPaint = {
          theme: document.documentElement.dataset.theme,
          background: getComputedStyle(document.body).backgroundColor,
          scheme: getComputedStyle(document.documentElement).colorScheme,
        };
      });
    });
    await page.reload();
    await page.waitForLoadState('load');
    expect(await page.evaluate(() => (window as any).__firstPaint)).toEqual({
      theme: 'dark',
      background: DARK,
      scheme: 'dark',
    });
    await expect(page.locator('html')).not.toHaveAttribute('data-app', 'ready');
    await expect(page.getByRole('button', { name: 'Thème sombre' })).toHaveAttribute('aria-pressed', 'true');
    // The switch works without the wasm, too.
    await page.getByRole('button', { name: 'Thème clair' }).click();
    expect(await background(page)).toBe(LIGHT);
  });
});
