import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, inPage, launchBrowser, signUpInBrowser, uniqueEmail } from './browser.js';
import { expectNoSidewaysScroll, PHONE } from './phone.js';
import { startWebServer, type WebServer } from './web-server.js';

const chattyModule = fileURLToPath(new URL('../../spells/examples/build/chatty.wasm', import.meta.url));
const echoModule = fileURLToPath(new URL('../../spells/examples/build/echo.wasm', import.meta.url));

let browser: Browser;
let web: WebServer;
beforeAll(async () => {
  // A creator's cast of their own spell costs the platform default, not the spell's price.
  [browser, web] = await Promise.all([launchBrowser(), startWebServer({ env: { COST_PER_CAST_CENTS: '1' } })]);
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
});

/** Publishes `file` as the signed-in user's spell from the Creator page; returns its name. */
async function publishFromCreatorPage(page: Page, prefix: string, file: string, price?: string): Promise<string> {
  const name = `${prefix}-${Math.random().toString(16).slice(2, 8)}`;
  await page.goto('/creator');
  await page.getByLabel('Name', { exact: true }).fill(name);
  if (price) await page.getByLabel('Price per cast ($)').fill(price);
  await page.getByLabel('Module (.wasm)').setInputFiles(file);
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByRole('heading', { name }).waitFor();
  return name;
}

async function castInPlayground(page: Page, spell: string, input: string): Promise<void> {
  await page.goto(`/playground?spell=${spell}`);
  await page.getByLabel('Input (JSON)').fill(input);
  await page.getByRole('button', { name: 'Cast', exact: true }).click();
}

const shownJson = async (page: Page, testId: string) => JSON.parse((await page.getByTestId(testId).textContent()) ?? '') as unknown;

describe.runIf(hasChromium())('browser: cast detail', () => {
  it('opens a cast from the playground’s “View cast” and from My casts: input, output, logs, cost, duration', async () => {
    await inPage(browser, web.url, 'web-cast-detail', async ({ page, problems }) => {
      await signUpInBrowser(page, uniqueEmail('detail'));
      const name = await publishFromCreatorPage(page, 'chatty', chattyModule, '0.02');

      await castInPlayground(page, name, '{"note": "keep me", "lines": 1}');
      await page.getByTestId('cast-output').waitFor();
      const playgroundDuration = await page.getByTestId('cast-duration').textContent();
      await page.getByRole('link', { name: 'View cast' }).click();

      await page.getByRole('heading', { level: 1, name: new RegExp(`^Cast of [^/]+/${name}@1$`) }).waitFor();
      expect(new URL(page.url()).pathname).toMatch(/^\/casts\/[0-9a-f-]{36}$/);
      expect(await page.title()).toBe('Cast · My casts · Spell Platform');
      expect(await page.getByTestId('cast-status').textContent()).toBe('succeeded');
      expect(await shownJson(page, 'cast-input')).toEqual({ note: 'keep me', lines: 1 });
      expect(await shownJson(page, 'cast-output')).toEqual({ logged: 3 });
      expect(await page.getByTestId('cast-cost').textContent()).toBe('$0.01');
      expect(await page.getByTestId('cast-duration').textContent()).toMatch(/^\d+ ms$/);
      expect(playgroundDuration).toMatch(/ms$/);
      const logs = await page.getByTestId('cast-logs').textContent();
      expect(logs).toContain('info chatty starts');
      expect(logs).toContain('info line 0');
      for (const heading of ['Input', 'Output', 'Logs']) await page.getByRole('heading', { level: 2, name: heading }).waitFor();
      await page.getByText(/^The input and output are kept until /).waitFor();

      // A failed cast: its detail says why, and that there is no output.
      await castInPlayground(page, name, '{"fail": true}');
      await page.getByRole('alert').filter({ hasText: 'The spell failed' }).waitFor();
      await page.getByRole('link', { name: 'View cast' }).click();
      const failure = page.getByRole('alert').filter({ hasText: 'The cast failed' });
      await failure.waitFor();
      expect(await page.getByTestId('cast-error').textContent()).toBe('chatty was told to fail spell_failed');
      expect(await page.getByTestId('cast-output-missing').textContent()).toBe('No output: the cast failed.');
      expect(await shownJson(page, 'cast-input')).toEqual({ fail: true });
      expect(await page.getByTestId('cast-cost').textContent()).toBe('$0.00');
      await page.getByText(/^The input and the error message are kept until /).waitFor();

      // Each row of the history opens its cast.
      await page.getByRole('link', { name: 'All my casts' }).click();
      await page.getByRole('heading', { level: 1, name: 'My casts' }).waitFor();
      const rows = page.getByRole('row').filter({ hasText: `${name}@1` });
      await rows.nth(1).waitFor();
      expect(await rows.count()).toBe(2);
      await rows.filter({ hasText: 'succeeded' }).getByRole('link').click();
      expect(await shownJson(page, 'cast-output')).toEqual({ logged: 3 });
      expect(problems).toEqual([]);
    });
  });

  it('casts in the background from the playground: the status is followed live until the output, with a link to the cast', async () => {
    await inPage(browser, web.url, 'web-async-cast', async ({ page }) => {
      await signUpInBrowser(page, uniqueEmail('async'));
      const name = await publishFromCreatorPage(page, 'echo', echoModule);
      await page.goto(`/playground?spell=${name}`);
      await page.getByLabel('Input (JSON)').fill('{"later": true}');
      await page.getByLabel('Run in the background').check();
      await page.getByRole('button', { name: 'Cast', exact: true }).click();
      await page.getByTestId('async-cast').waitFor();
      await page.locator('[data-testid="async-status"][data-status="succeeded"]').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('async-status').textContent()).toBe('Succeeded');
      expect(await shownJson(page, 'cast-output')).toEqual({ later: true });
      await page.getByRole('link', { name: 'View cast' }).click();
      await page.getByRole('heading', { level: 1, name: new RegExp(`^Cast of [^/]+/${name}@1$`) }).waitFor();
      expect(await page.getByTestId('cast-status').textContent()).toBe('succeeded');
    });
  });

  it('says when a cast is not among yours', async () => {
    await inPage(browser, web.url, 'web-cast-detail-missing', async ({ page, problems }) => {
      await signUpInBrowser(page, uniqueEmail('nocast'));
      await page.goto('/casts/00000000-0000-4000-8000-000000000000');
      await page.getByRole('alert').filter({ hasText: 'No such cast among yours' }).waitFor();
      await page.getByRole('link', { name: 'Back to my casts' }).waitFor();
      expect(problems).toEqual([]);
    });
  });

  it('fits a phone: wide JSON scrolls in its own box, never the page', async () => {
    await inPage(
      browser,
      web.url,
      'web-cast-detail-phone',
      async ({ page, problems }) => {
        await signUpInBrowser(page, uniqueEmail('detailphone'));
        const name = await publishFromCreatorPage(page, 'echo', echoModule);
        const input = JSON.stringify({ a_rather_long_key_that_does_not_fit_on_a_phone: 'and a value that is longer still, on one line' });
        await castInPlayground(page, name, input);
        await page.getByTestId('cast-output').waitFor();
        await page.getByRole('link', { name: 'View cast' }).click();
        await page.getByTestId('cast-input').waitFor();
        expect(await shownJson(page, 'cast-output')).toEqual(JSON.parse(input));
        await expectNoSidewaysScroll(page, 'cast detail');
        // Input and output one above the other, each inside the screen.
        for (const id of ['cast-input', 'cast-output']) {
          const box = await page.getByTestId(id).boundingBox();
          expect(box && box.x >= 0 && box.x + box.width <= PHONE.width, id).toBe(true);
        }
        expect(problems).toEqual([]);
      },
      PHONE,
    );
  });
});
