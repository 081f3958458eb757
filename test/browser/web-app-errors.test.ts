import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, inPage, launchBrowser, PASSWORD, signUpInBrowser, uniqueEmail } from './browser.js';
import { startWebServer, type WebServer } from './web-server.js';

const echoModule = fileURLToPath(new URL('../../spells/examples/build/echo.wasm', import.meta.url));

let browser: Browser;
let web: WebServer;
beforeAll(async () => {
  [browser, web] = await Promise.all([launchBrowser(), startWebServer()]);
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
});

describe.runIf(hasChromium())('browser: web app when things go wrong', () => {
  it('keeps a refused module on the publish form with the reason, leaves no spell behind, then publishes on retry', async () => {
    await inPage(browser, web.url, 'web-publish-refused', async ({ page, problems }) => {
      await signUpInBrowser(page, uniqueEmail('wasm'));
      const name = `bad-${Math.random().toString(16).slice(2, 8)}`;
      await page.getByRole('link', { name: 'Creator' }).click();
      await page.getByLabel('Name', { exact: true }).fill(name);
      await page.getByLabel('Module (.wasm)').setInputFiles({ name: 'notes.wasm', mimeType: 'application/wasm', buffer: Buffer.from('not a module') });
      await page.getByRole('button', { name: 'Publish' }).click();

      await page.getByRole('alert').filter({ hasText: 'The module was refused' }).filter({ hasText: 'Not a valid WebAssembly module' }).waitFor();
      await page.getByTestId('publish-refused').filter({ hasText: 'Nothing was published' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/creator');
      // Nothing was created: no "no version" row, and the name is not taken.
      await page.getByText('You have not published a spell yet.').waitFor();
      expect((await page.request.get(`/v1/spells/${name}`)).status()).toBe(404);

      // A function the module does not export is refused too, naming the ones it does.
      await page.getByLabel('Module (.wasm)').setInputFiles(echoModule);
      await page.getByLabel('Function').fill('count_vowels');
      await page.getByRole('button', { name: 'Publish' }).click();
      await page.getByRole('alert').filter({ hasText: 'The module does not export the function "count_vowels": it exports "cast"' }).waitFor();
      expect((await page.request.get(`/v1/spells/${name}`)).status()).toBe(404);

      // The retry creates the spell with the fixed module under the same name, with its settings.
      await page.getByLabel('Function').fill('cast');
      await page.getByLabel('Time limit (ms)').fill('2000');
      await page.getByLabel('Input schema (JSON Schema)').fill('{"type": "object"}');
      await page.getByRole('button', { name: 'Publish' }).click();
      await page.getByRole('heading', { name, level: 1 }).waitFor();
      await page.getByText(/^v1 · /).waitFor();
      await expect.poll(() => page.title(), { timeout: 15_000 }).toBe(`${name} · Creator · Spell Platform`);

      // The price was left empty: the spell has none of its own, as its settings form reads it.
      const spell: unknown = await (await page.request.get(`/v1/spells/${name}`)).json();
      expect(spell).toMatchObject({ price_cents: null, visibility: 'private', function_name: 'cast', timeout_ms: 2000, input_schema: { type: 'object' } });
      expect(await page.getByLabel('Price per cast ($)').inputValue()).toBe('');
      expect(problems).toEqual([]);
    });
  });

  it('ignores a `next` that leaves the app and stays on its own pages', async () => {
    await inPage(browser, web.url, 'web-crafted-next', async ({ page, problems }) => {
      await signUpInBrowser(page, uniqueEmail('next'));
      for (const next of ['/%5Cexample.com', '/%5C%5Cexample.com/x', '//example.com', '/%09/example.com', 'https://example.com/']) {
        await page.goto(`/sign-in?next=${next}`);
        await page.getByRole('heading', { name: 'Playground', level: 1 }).waitFor();
        expect(new URL(page.url()).origin, next).toBe(web.url);
        expect(new URL(page.url()).pathname, next).toBe('/playground');
      }
      await page.goto(`/sign-in?next=${encodeURIComponent('/casts?from=sign-in')}`);
      await page.getByRole('heading', { name: 'My casts', level: 1 }).waitFor();
      expect(problems).toEqual([]);
    });
  });

  it('sends a user whose session ended to sign in, and back to the page afterwards', async () => {
    await inPage(browser, web.url, 'web-session-expired', async ({ page, context }) => {
      const email = uniqueEmail('expired');
      await signUpInBrowser(page, email);
      await context.clearCookies();
      await page.getByRole('link', { name: 'My casts' }).click();
      await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
      expect(new URL(page.url()).searchParams.get('next')).toBe('/casts');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('heading', { name: 'My casts', level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/casts');
    });
  });
});
