import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, inPage, launchBrowser, signUpInBrowser, uniqueEmail } from './browser.js';
import { expectLinksOnScreen, expectNoClippedCells, expectNoSidewaysScroll, openMenu, PHONE } from './phone.js';
import { startWebServer, type WebServer } from './web-server.js';

const echoModule = fileURLToPath(new URL('../../spells/examples/build/echo.wasm', import.meta.url));
const mainLinks = ['Spells', 'Playground', 'My casts', 'API keys', 'Webhooks', 'Budgets', 'Billing', 'Creator'] as const;

let browser: Browser;
let web: WebServer;
beforeAll(async () => {
  [browser, web] = await Promise.all([launchBrowser(), startWebServer()]);
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
});

/** The focused element's tag and text (page code as a string: the type-check has no DOM library). */
const focused = (page: Page) =>
  page.evaluate<{ tag: string; text: string }>(`({ tag: document.activeElement?.tagName, text: document.activeElement?.textContent?.trim() ?? '' })`);
/** Whether the cast's result region holds the focus. */
const resultFocused = (page: Page) =>
  page.evaluate<boolean>(`document.activeElement === document.querySelector('[role=region][aria-label="Cast result"]')`);

describe.runIf(hasChromium())('browser: web app at phone width', () => {
  it('folds the navigation behind a Menu button that reaches every page and closes with Escape', async () => {
    await inPage(
      browser,
      web.url,
      'web-phone-menu',
      async ({ page, problems }) => {
        await signUpInBrowser(page, uniqueEmail('menu'));
        // Closed, the links are out of sight and out of the tab order.
        expect(await page.getByRole('link', { name: 'Budgets' }).isVisible()).toBe(false);

        await openMenu(page, 'Main');
        await expectLinksOnScreen(page, 'Main', mainLinks);
        await page.getByRole('button', { name: 'Sign out' }).waitFor();
        await page.keyboard.press('Escape');
        expect(await page.getByRole('button', { name: 'Menu' }).getAttribute('aria-expanded')).toBe('false');
        expect(await page.getByRole('link', { name: 'Budgets' }).isVisible()).toBe(false);
        expect(await focused(page)).toEqual({ tag: 'BUTTON', text: 'Menu' });

        // From the keyboard: Enter opens it and Tab goes on to the first link.
        await page.keyboard.press('Enter');
        await page.keyboard.press('Tab');
        expect(await focused(page)).toEqual({ tag: 'A', text: 'Spells' });
        await page.keyboard.press('Escape');
        expect(await focused(page)).toEqual({ tag: 'BUTTON', text: 'Menu' });
        // A tap elsewhere on the page closes it too.
        await openMenu(page, 'Main');
        await page.getByRole('heading', { level: 1 }).click();
        expect(await page.getByRole('button', { name: 'Menu' }).getAttribute('aria-expanded')).toBe('false');

        for (const name of mainLinks) {
          const nav = await openMenu(page, 'Main');
          await nav.getByRole('link', { name, exact: true }).click();
          await page.getByRole('heading', { level: 1 }).waitFor();
          expect(await page.getByRole('button', { name: 'Menu' }).getAttribute('aria-expanded'), name).toBe('false');
          await page.waitForLoadState('networkidle');
          await expectNoSidewaysScroll(page, name);
        }
        expect(new URL(page.url()).pathname).toBe('/creator');
        expect(problems).toEqual([]);
      },
      PHONE,
    );
  });

  it('shows every table cell whole and the chart’s labels at a readable size', async () => {
    await inPage(
      browser,
      web.url,
      'web-phone-tables-chart',
      async ({ page, problems }) => {
        await signUpInBrowser(page, uniqueEmail('tables'));
        await page.getByLabel('Key name').fill('the build server in the back office');
        await page.getByRole('button', { name: 'Create key' }).click();
        await page.getByRole('cell', { name: 'the build server in the back office', exact: true }).waitFor();
        expect(await expectNoClippedCells(page, 'keys')).toBe(5);

        const name = `echo-${Math.random().toString(16).slice(2, 8)}`;
        await page.goto('/creator');
        await page.getByLabel('Name', { exact: true }).fill(name);
        await page.getByLabel('Price per cast ($)').fill('0.01');
        await page.getByLabel('Module (.wasm)').setInputFiles(echoModule);
        await page.getByRole('button', { name: 'Publish' }).click();
        await page.getByRole('heading', { name }).waitFor();

        await page.goto('/budgets');
        await page.getByLabel('Period', { exact: true }).selectOption('daily');
        await page.getByLabel('Soft limit ($)').fill('0.02');
        await page.getByLabel('Hard limit ($)').fill('0.05');
        await page.getByRole('button', { name: 'Save budget' }).click();
        await page.getByText('Budget saved.').waitFor();

        await page.goto(`/playground?spell=${name}`);
        await page.getByLabel('Input (JSON)').fill('{"a": "b"}');
        await page.getByRole('button', { name: 'Cast', exact: true }).click();
        await page.getByTestId('cast-output').waitFor();

        await page.goto('/casts');
        await page.getByRole('cell', { name: `${name}@1` }).waitFor();
        expect(await expectNoClippedCells(page, 'casts')).toBe(5);
        await page.goto('/creator');
        await page.getByRole('link', { name }).waitFor();
        expect(await expectNoClippedCells(page, 'creator')).toBe(6);

        await page.goto('/budgets');
        await page.getByTestId('limit-hard').waitFor();
        // The size on screen: the font size in the SVG's units times the units' scale to CSS pixels.
        const labels = await page.evaluate<{ text: string; px: number }[]>(
          `[...document.querySelectorAll('[data-testid=usage-chart] text')].map((text) => ({
            text: text.textContent ?? '',
            px: parseFloat(getComputedStyle(text).fontSize) * (text.getScreenCTM()?.a ?? 0),
          }))`,
        );
        expect(labels.map((label) => label.text)).toEqual(expect.arrayContaining(['soft $0.02', 'hard $0.05', '$0.00']));
        for (const label of labels) expect(label.px, label.text).toBeGreaterThanOrEqual(11);
        await expectNoSidewaysScroll(page, 'budgets');
        expect(problems).toEqual([]);
      },
      PHONE,
    );
  });

  it('keeps the focus through a keyboard cast and puts it on the result', async () => {
    await inPage(
      browser,
      web.url,
      'web-phone-keyboard-cast',
      async ({ page, problems }) => {
        await signUpInBrowser(page, uniqueEmail('keyboard'));
        await page.goto('/playground?spell=spell/text-stats');
        await page.getByLabel('text', { exact: true }).fill('Two words.');
        await page.getByLabel('text', { exact: true }).focus();
        // The last field, then the "Run in the background" switch, then Cast.
        await page.keyboard.press('Tab');
        expect(await focused(page)).toMatchObject({ tag: 'INPUT' });
        await page.keyboard.press('Tab');
        expect(await focused(page)).toEqual({ tag: 'BUTTON', text: 'Cast' });
        await page.keyboard.press('Enter');
        await page.getByTestId('cast-output').waitFor();

        const result = page.getByRole('region', { name: 'Cast result' });
        expect(await resultFocused(page)).toBe(true);
        expect(JSON.parse((await page.getByTestId('cast-output').textContent()) ?? '')).toMatchObject({ words: 2 });
        // The result is on screen: a phone scrolled down to it below the form.
        const box = await result.boundingBox();
        expect(box && box.y < PHONE.height && box.y + box.height > 0).toBe(true);

        // A refusal lands there too; a mistake caught before sending leaves the focus on Cast.
        await page.getByRole('button', { name: 'JSON', exact: true }).click();
        await page.getByLabel('Input (JSON)').fill('{"txt": "typo"}');
        await page.getByRole('button', { name: 'Cast', exact: true }).press('Enter');
        await result.getByText('The input does not match the spell’s schema').waitFor();
        expect(await resultFocused(page)).toBe(true);
        await page.getByLabel('Input (JSON)').fill('{"text": ');
        await page.getByRole('button', { name: 'Cast', exact: true }).press('Enter');
        await page.getByText('The input is not valid JSON').waitFor();
        expect(await focused(page)).toEqual({ tag: 'BUTTON', text: 'Cast' });
        expect(problems).toEqual([]);
      },
      PHONE,
    );
  });

  it('fits a phone-width screen and works from the keyboard, with a visible focus', async () => {
    await inPage(
      browser,
      web.url,
      'web-phone-keyboard',
      async ({ page }) => {
        await signUpInBrowser(page, uniqueEmail('phone'));
        await page.getByLabel('Key name').fill('phone key');
        await page.getByRole('button', { name: 'Create key' }).click();
        await page.getByRole('cell', { name: 'phone key', exact: true }).waitFor();
        for (const path of ['/keys', '/spells', '/playground', '/casts', '/budgets', '/billing', '/creator']) {
          await page.goto(path);
          await page.getByRole('heading', { level: 1 }).waitFor();
          await page.waitForLoadState('networkidle');
          if (path === '/keys') await page.getByRole('cell', { name: 'phone key', exact: true }).waitFor();
          await expectNoSidewaysScroll(page, path);
        }

        await page.goto('/keys');
        await page.getByRole('heading', { name: 'API keys' }).waitFor();
        await page.keyboard.press('Tab');
        expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to content');
        expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).not.toBe('none');
        await page.getByLabel('Key name').focus();
        await page.keyboard.type('from the keyboard');
        await page.keyboard.press('Enter');
        await page.getByTestId('new-key').waitFor();
        await page.getByRole('cell', { name: 'from the keyboard', exact: true }).waitFor();
      },
      PHONE,
    );
  });
});
