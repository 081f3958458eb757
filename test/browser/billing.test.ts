import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, inPage, launchBrowser, signUpInBrowser, uniqueEmail } from './browser.js';
import { startWebServer, type WebServer } from './web-server.js';

let browser: Browser;
let web: WebServer;
beforeAll(async () => {
  [browser, web] = await Promise.all([launchBrowser(), startWebServer({ billing: true })]);
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
});

describe.runIf(hasChromium())('browser: billing', () => {
  it('upgrades through Checkout, shows the plan once the webhook lands, buys credit, and warns during grace', async () => {
    const stripe = web.stripe;
    if (!stripe) throw new Error('billing server without the Stripe stand-in');
    await inPage(browser, web.url, 'billing-upgrade', async ({ page, problems }) => {
      await signUpInBrowser(page, uniqueEmail('pat'));
      await page.getByRole('link', { name: 'Billing' }).click();
      await page.getByText('No purchases yet.').waitFor();
      expect(await page.getByTestId('plan').textContent()).toBe('FREE');

      await page.getByRole('button', { name: 'Upgrade to Pro' }).click();
      await page.getByRole('heading', { name: 'Stripe stand-in checkout' }).waitFor();
      expect(page.url()).toContain(`${stripe.url}/checkout/`);
      // Stripe's webhook arrives after the customer is back: the page waits for it, then shows the plan.
      stripe.holdWebhooks();
      await page.getByRole('button', { name: 'Pay $15.00' }).click();
      await page.getByText('Waiting for payment confirmation').waitFor();
      expect(new URL(page.url()).searchParams.get('checkout')).toBe('success');
      expect(await page.getByTestId('plan').textContent()).toBe('FREE');
      const released = await stripe.releaseWebhooks();
      expect(released.map((delivery) => delivery.status)).toEqual([200, 200, 200]);
      await page.getByText('Payment confirmed').waitFor({ timeout: 60_000 });
      expect(await page.getByText('Waiting for payment confirmation').count()).toBe(0);
      await expect.poll(() => page.getByTestId('plan').textContent(), { timeout: 30_000 }).toBe('PRO');
      expect(await page.getByTestId('subscription-status').textContent()).toBe('active');
      await page.getByRole('cell', { name: 'active' }).waitFor();
      await expect.poll(() => page.getByRole('banner').locator('.badge').textContent(), { timeout: 30_000 }).toBe('PRO');
      expect(stripe.deliveries.every((delivery) => delivery.status === 200)).toBe(true);

      await page.getByRole('button', { name: 'Buy $10.00 of credit' }).click();
      await page.getByRole('button', { name: 'Pay $10.00' }).click();
      await page.getByText('Payment confirmed').waitFor({ timeout: 60_000 });
      await expect.poll(() => page.getByTestId('credits').textContent(), { timeout: 30_000 }).toBe('$10.00');
      await page.getByRole('cell', { name: 'Credit pack' }).waitFor();

      const [subscription] = [...stripe.subscriptions.keys()];
      await stripe.failPayment(subscription ?? '');
      await page.reload();
      const banner = page.getByRole('status').filter({ hasText: 'grace period until' });
      await banner.waitFor();
      // The banner names the day the grace period ends, as the API has it.
      const { grace_until: graceUntil } = (await (await page.request.get('/v1/billing')).json()) as { grace_until: string | null };
      expect(graceUntil).not.toBeNull();
      const endDay = await page.evaluate((iso) => new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' }), graceUntil ?? '');
      expect(await banner.locator('strong').textContent()).toBe(endDay);
      expect(await page.getByTestId('tenant-status').textContent()).toBe('grace');
      expect(await page.getByText('Payment failed: grace period').count()).toBe(1);

      await page.getByRole('button', { name: 'Manage billing' }).click();
      await page.getByRole('heading', { name: 'Stripe stand-in customer portal' }).waitFor();
      expect(problems).toEqual([]);
    });
  });
});
