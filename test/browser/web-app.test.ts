import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, inPage, launchBrowser, signUpInBrowser, uniqueEmail } from './browser.js';
import { startWebServer, type WebServer } from './web-server.js';

const echoModule = fileURLToPath(new URL('../../spells/examples/build/echo.wasm', import.meta.url));
const chattyModule = fileURLToPath(new URL('../../spells/examples/build/chatty.wasm', import.meta.url));

/** Publishes `file` as a public spell of a fresh account, through the API as the CLI would; answers its `owner/name`. */
async function publishPublicSpell(url: string, name: string, file: string, priceCents?: number): Promise<string> {
  const registered = await fetch(`${url}/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: uniqueEmail('creator'), password: 'correct horse battery staple' }),
  });
  const { token } = (await registered.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}` };
  const created = await fetch(`${url}/v1/spells`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ name, visibility: 'public', ...(priceCents !== undefined && { price_cents: priceCents }) }),
  });
  expect(created.status).toBe(201);
  const uploaded = await fetch(`${url}/v1/spells/${name}/versions`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/wasm' },
    body: readFileSync(file),
  });
  expect(uploaded.status).toBe(201);
  const me = (await (await fetch(`${url}/v1/me`, { headers })).json()) as { tenant: { handle: string } };
  return `${me.tenant.handle}/${name}`;
}

let browser: Browser;
let web: WebServer;
beforeAll(async () => {
  [browser, web] = await Promise.all([launchBrowser(), startWebServer()]);
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
});

describe.runIf(hasChromium())('browser: web app', () => {
  it('signs up, creates an API key that works, and casts the demo spell in the playground', async () => {
    await inPage(browser, web.url, 'web-signup-key-cast', async ({ page, context, problems }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.url });
      await signUpInBrowser(page, uniqueEmail('ada'));
      await page.getByRole('heading', { name: 'Your keys' }).waitFor();
      await page.getByText('No API keys yet').waitFor();

      await page.getByLabel('Key name').fill('laptop');
      await page.getByRole('button', { name: 'Create key' }).click();
      const key = (await page.getByTestId('new-key').textContent()) ?? '';
      expect(key).toMatch(/^spell_[0-9a-f]{12}_/);
      await page.getByRole('button', { name: 'Copy key' }).click();
      await page.getByText('Copied to the clipboard.').waitFor();
      expect(await page.evaluate('navigator.clipboard.readText()')).toBe(key);
      await page.getByRole('cell', { name: 'laptop', exact: true }).waitFor();
      // The key shown once authenticates on the API.
      const me = await fetch(`${web.url}/v1/me`, { headers: { authorization: `Bearer ${key}` } });
      expect(me.status).toBe(200);

      await page.getByRole('link', { name: 'Playground' }).click();
      await page.getByLabel('Spell', { exact: true }).selectOption('spell/text-stats');
      // The demo spell's schema gives a form; the JSON editor is a click away.
      await page.getByTestId('schema-form').waitFor();
      await page.getByRole('button', { name: 'JSON', exact: true }).click();
      await page.getByLabel('Input (JSON)').fill('{"text": "Hello brave new world.\\nBye."}');
      await page.getByRole('button', { name: 'Cast', exact: true }).click();
      const output = JSON.parse((await page.getByTestId('cast-output').textContent()) ?? '') as Record<string, unknown>;
      expect(output).toMatchObject({ words: 5, lines: 2, sentences: 2 });
      expect(await page.getByTestId('cast-cost').textContent()).toBe('$0.00');
      expect(await page.getByTestId('cast-duration').textContent()).toMatch(/ms$/);

      // Invalid JSON is caught before anything is sent; a schema mismatch shows the server's reason.
      await page.getByLabel('Input (JSON)').fill('{"text": ');
      await page.getByRole('button', { name: 'Cast', exact: true }).click();
      await page.getByText('The input is not valid JSON').waitFor();
      await page.getByLabel('Input (JSON)').fill('{"txt": "typo"}');
      await page.getByRole('button', { name: 'Cast', exact: true }).click();
      await page.getByText('The input does not match the spell’s schema').waitFor();

      await page.getByRole('link', { name: 'My casts' }).click();
      const rows = page.getByRole('row').filter({ hasText: 'text-stats@1' });
      await rows.first().waitFor();
      expect(await rows.filter({ hasText: 'succeeded' }).count()).toBe(1);
      expect(problems).toEqual([]);
    });
  });

  it('tells a creator that payouts need billing when the server has none', async () => {
    await inPage(browser, web.url, 'web-creator-unbilled', async ({ page, problems }) => {
      await signUpInBrowser(page, uniqueEmail('unbilled'));
      await page.getByRole('link', { name: 'Creator', exact: true }).click();
      await expect.poll(() => page.getByTestId('payout-state').textContent(), { timeout: 30_000 }).toContain('Payouts need billing');
      await page.getByText('Book entries only').waitFor();
      expect(await page.getByRole('button', { name: 'Set up payouts' }).count()).toBe(0);
      expect(problems).toEqual([]);
    });
  });

  it('casts another creator’s paid spell, warns past the soft limit and shows the hard limit’s 402 clearly', async () => {
    // Another creator's spell: a creator's casts of their own spells cost only the platform default.
    const name = await publishPublicSpell(web.url, `echo-${Math.random().toString(16).slice(2, 8)}`, echoModule, 5);
    await inPage(browser, web.url, 'web-budget-402', async ({ page, problems }) => {
      await signUpInBrowser(page, uniqueEmail('grace'));

      await page.getByRole('link', { name: 'Budgets' }).click();
      await page.getByText('No budget is set').waitFor();
      await page.getByLabel('Period', { exact: true }).selectOption('daily');
      await page.getByLabel('Soft limit ($)').fill('0.03');
      await page.getByLabel('Hard limit ($)').fill('0.05');
      await page.getByRole('button', { name: 'Save budget' }).click();
      await page.getByText('Budget saved.').waitFor();

      await page.goto(`/playground?spell=${name}`);
      await page.getByLabel('Input (JSON)').fill('{"hello": "world"}');
      await page.getByRole('button', { name: 'Cast', exact: true }).click();
      await page.getByTestId('cast-output').waitFor();
      expect(await page.getByTestId('cast-cost').textContent()).toBe('$0.05');
      await page.getByText('Soft limit passed').waitFor();

      await page.getByRole('button', { name: 'Cast', exact: true }).click();
      const refusal = page.getByRole('alert').filter({ hasText: 'Budget limit reached' });
      await refusal.waitFor();
      expect(await page.getByTestId('budget-exceeded').textContent()).toMatch(/daily spending to \$0\.10, past the hard limit of \$0\.05/);
      expect(await page.getByTestId('cast-output').count()).toBe(0);

      await page.getByRole('link', { name: 'Raise the limit' }).click();
      expect(await page.getByTestId('used').textContent()).toBe('$0.05');
      await page.getByRole('status').filter({ hasText: 'Soft limit passed' }).waitFor();
      await page.getByTestId('limit-hard').waitFor();
      await page.getByTestId('limit-soft').waitFor();
      expect(await page.getByTestId('usage-chart').getAttribute('aria-label')).toMatch(/Spending \$0\.05 so far/);

      await page.getByRole('link', { name: 'My casts' }).click();
      const row = page.getByRole('row').filter({ hasText: `${name}@1` });
      await row.waitFor();
      expect(await row.textContent()).toContain('$0.05');
      expect(problems).toEqual([]);
    });
  });

  it('shows what a spell logged under its output, and under the error when it fails', async () => {
    const name = `chatty-${Math.random().toString(16).slice(2, 8)}`;
    const fullName = await publishPublicSpell(web.url, name, chattyModule);
    await inPage(browser, web.url, 'web-cast-logs', async ({ page, problems }) => {
      await signUpInBrowser(page, uniqueEmail('lin'));
      await page.goto(`/playground?spell=${fullName}`);
      await page.getByLabel('Input (JSON)').fill('{"lines": 1}');
      await page.getByRole('button', { name: 'Cast', exact: true }).click();
      await page.getByTestId('cast-output').waitFor();
      const logs = page.getByTestId('cast-logs');
      expect(await logs.textContent()).toContain('info chatty starts');
      expect(await logs.textContent()).toContain('warn a warning, with ünïcode');
      expect(await logs.textContent()).toContain('info line 0');

      await page.getByLabel('Input (JSON)').fill('{"fail": true}');
      await page.getByRole('button', { name: 'Cast', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'The spell failed' }).waitFor();
      expect(await page.getByTestId('cast-output').count()).toBe(0);
      expect(await page.getByTestId('cast-logs').textContent()).toContain('error giving up');
      expect(problems).toEqual([]);
    });
  });

  it('says calmly that billing is off when the server has no Stripe keys', async () => {
    await inPage(browser, web.url, 'web-billing-off', async ({ page }) => {
      await signUpInBrowser(page, uniqueEmail('off'));
      await page.getByRole('link', { name: 'Billing' }).click();
      await page.getByText('Billing is not set up on this server').waitFor();
      expect(await page.getByTestId('plan').textContent()).toBe('FREE');
      expect(await page.getByRole('button', { name: 'Upgrade to Pro' }).count()).toBe(0);
      expect(await page.getByRole('alert').count()).toBe(0);
    });
  });

  it('keeps anonymous visitors out and sends them back after signing in', async () => {
    await inPage(browser, web.url, 'web-sign-in-redirect', async ({ page, context }) => {
      const email = uniqueEmail('back');
      await signUpInBrowser(page, email);
      await context.clearCookies();
      await page.goto('/budgets');
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill('wrong password!');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByText('Wrong email or password').waitFor();
      await page.getByLabel('Password').fill('correct horse battery staple');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('heading', { name: 'Budgets' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/budgets');
      expect(await page.getByRole('link', { name: 'Sign in with GitHub' }).count()).toBe(0);
    });
  });
});
