import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminToken } from '../../src/admin/tokens.js';
import { runJob } from '../../src/jobs/run-job.js';
import { signInToConsole } from './admin-console.js';
import { hasChromium, inPage, launchBrowser, signUpInBrowser, uniqueEmail } from './browser.js';
import { startWebServer, type WebServer } from './web-server.js';

const echoModule = fileURLToPath(new URL('../../spells/examples/build/echo.wasm', import.meta.url));
const DAY = 86_400_000;

let browser: Browser;
let web: WebServer;
/** The creator of the first test, whom the operator then looks at. */
let creatorHandle = '';
beforeAll(async () => {
  [browser, web] = await Promise.all([launchBrowser(), startWebServer({ billing: true, env: { PAYOUT_MINIMUM_CENTS: '100' } })]);
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
});

/** Another user, through the API: buys a credit pack through the Stripe stand-in and casts `spell` `times` times. */
async function castAsConsumer(spell: string, times: number): Promise<void> {
  const stripe = web.stripe;
  if (!stripe) throw new Error('billing server without the Stripe stand-in');
  const registered = await fetch(`${web.url}/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: uniqueEmail('consumer'), password: 'correct horse battery staple' }),
  });
  const { token } = (await registered.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const checkout = await fetch(`${web.url}/v1/billing/checkout`, { method: 'POST', headers, body: JSON.stringify({ mode: 'payment' }) });
  await stripe.completeCheckout(((await checkout.json()) as { id: string }).id);
  for (let i = 0; i < times; i += 1) {
    const cast = await fetch(`${web.url}/v1/cast`, { method: 'POST', headers, body: JSON.stringify({ spell, input: { i } }) });
    expect(cast.status).toBe(200);
  }
}

describe.runIf(hasChromium())('browser: creator earnings', () => {
  it('onboards for payouts, shows earnings after another user’s casts, and lists the payout the job made', async () => {
    await inPage(browser, web.url, 'creator-earnings', async ({ page, problems }) => {
      await signUpInBrowser(page, uniqueEmail('maker'));
      await page.getByRole('link', { name: 'Creator', exact: true }).click();
      await page.getByText('No payouts yet.').waitFor();
      expect(await page.getByTestId('earnings-pending').textContent()).toBe('$0.00');
      expect(await page.getByTestId('earnings-share').textContent()).toBe('80%');

      await page.getByRole('button', { name: 'Set up payouts' }).click();
      await page.getByRole('heading', { name: 'Stripe stand-in: Connect onboarding' }).waitFor();
      await page.getByRole('button', { name: 'Complete onboarding' }).click();
      await expect.poll(() => page.getByTestId('payout-state').textContent(), { timeout: 30_000 }).toContain('Payouts are on');

      const name = `earner-${Math.random().toString(16).slice(2, 8)}`;
      await page.getByLabel('Name', { exact: true }).fill(name);
      await page.getByLabel('Price per cast ($)').fill('2.50');
      await page.getByLabel('Visibility').selectOption('public');
      await page.getByLabel('Module (.wasm)').setInputFiles(echoModule);
      await page.getByRole('button', { name: 'Publish' }).click();
      await page.getByRole('heading', { name }).waitFor();
      const { tenant } = (await (await page.request.get('/v1/me')).json()) as { tenant: { handle: string } };
      const spell = `${tenant.handle}/${name}`;
      creatorHandle = tenant.handle;

      await castAsConsumer(spell, 2);
      await page.goto('/creator');
      // 80% of $2.50, twice: held for the payout hold first.
      await expect.poll(() => page.getByTestId('earnings-pending').textContent(), { timeout: 30_000 }).toBe('$4.00');
      const row = page.getByTestId('spell-earnings-row').filter({ hasText: spell });
      expect(await row.getByRole('cell').allTextContents()).toEqual([spell, '2', '$4.00']);
      await page.getByTestId('earnings-chart').waitFor();

      // The hold has passed when the payouts job runs: it releases the earnings and pays them.
      const run = await runJob(web.server.services, 'payouts', { now: new Date(Date.now() + 8 * DAY), dryRun: false, olderThanMs: 0 });
      expect(run).toBeDefined();
      await page.reload();
      const payout = page.getByTestId('payout-row').first();
      await payout.waitFor();
      expect(await payout.getByRole('cell').nth(1).textContent()).toBe('$4.00');
      expect(await payout.locator('.status').textContent()).toBe('paid');
      expect(await page.getByTestId('earnings-paid-out').textContent()).toBe('$4.00');
      expect(await page.getByTestId('earnings-payable').textContent()).toBe('$0.00');

      const month = new Date().toISOString().slice(0, 7);
      const link = page.getByTestId('statement-link').filter({ hasText: month });
      const statement = await page.request.get((await link.getAttribute('href')) ?? '');
      expect(statement.headers()['content-disposition']).toBe(`attachment; filename="spell-statement-${tenant.handle}-${month}.csv"`);
      expect(await statement.text()).toContain(`${spell},2,500,80,400,0,400`);
      expect(problems).toEqual([]);
    });
  });

  it('shows operators the creator’s balances and payout, and sets the creator’s share', async () => {
    expect(creatorHandle).not.toBe('');
    const { token } = await createAdminToken(web.server.services.db, { name: 'earnings operator', now: new Date() });
    await inPage(browser, web.url, 'admin-creators', async ({ page, problems }) => {
      await signInToConsole(page, token);
      await page.getByRole('link', { name: 'Creators' }).click();
      await page.getByRole('search', { name: 'Search creators' }).getByLabel('Name or handle').fill(creatorHandle);
      await page.getByRole('button', { name: 'Search' }).click();
      const row = page.getByTestId('creator-row').filter({ hasText: creatorHandle });
      await expect.poll(() => page.getByTestId('creator-row').count(), { timeout: 30_000 }).toBe(1);
      expect(await row.locator('td[data-label="Paid out"]').textContent()).toBe('$4.00');
      expect(await row.locator('td[data-label="Payouts"]').textContent()).toBe('enabled');
      expect(await row.locator('td[data-label="Share"] span').textContent()).toBe('80% (default)');
      await row.getByLabel('Override %').fill('90');
      await row.getByRole('button', { name: 'Set share' }).click();
      await expect.poll(() => row.locator('td[data-label="Share"] span').textContent(), { timeout: 30_000 }).toBe('90% (override)');

      await page.getByRole('link', { name: 'Payouts' }).click();
      const payout = page.getByTestId('payout-row').filter({ hasText: creatorHandle });
      await payout.waitFor();
      expect(await payout.locator('td[data-label="Amount"]').textContent()).toBe('$4.00 USD');
      expect(await payout.locator('.status').textContent()).toBe('paid');
      expect(problems).toEqual([]);
    });
  });
});
