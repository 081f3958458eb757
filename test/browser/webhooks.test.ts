import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, verifySignature } from '../helpers/webhook-receiver.js';
import { hasChromium, inPage, launchBrowser, signUpInBrowser, uniqueEmail } from './browser.js';
import { startWebServer, type WebServer } from './web-server.js';

let browser: Browser;
let web: WebServer;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  receiver = await startReceiver();
  [browser, web] = await Promise.all([
    launchBrowser(),
    startWebServer({ env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_DISPATCH_INTERVAL_MS: '100' } }),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
  await receiver?.close();
});

describe.runIf(hasChromium())('browser: webhooks', () => {
  it('adds an endpoint pointing at a local receiver, sends a test event and sees the delivery in the log', async () => {
    await inPage(browser, web.url, 'web-webhooks', async ({ page, problems }) => {
      await signUpInBrowser(page, uniqueEmail('hooks'));
      await page.getByRole('link', { name: 'Webhooks' }).click();
      await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
      await page.getByLabel('Endpoint URL').fill(`${receiver.url}/ok`);
      await page.getByRole('button', { name: 'Add endpoint' }).click();
      const secret = (await page.getByTestId('webhook-secret').textContent()) ?? '';
      expect(secret).toMatch(/^whsec_/);

      const endpoint = page.getByRole('region', { name: `Endpoint ${receiver.url}/ok` });
      await endpoint.getByRole('button', { name: 'Send test event' }).click();
      const log = endpoint.getByTestId('webhook-deliveries');
      await expect.poll(async () => {
        await endpoint.getByRole('button', { name: 'Refresh' }).click();
        return (await log.textContent().catch(() => '')) ?? '';
      }, { timeout: 15_000 }).toMatch(/ping.*200/);
      expect(await log.textContent()).toContain('thanks for evt_');

      const delivered = receiver.received.find((entry) => entry.path === '/ok');
      expect(delivered && verifySignature(String(delivered.headers['spell-signature']), delivered.body, secret)).toBe(true);

      page.once('dialog', (dialog) => void dialog.accept());
      await endpoint.getByRole('button', { name: 'Disable' }).click();
      await endpoint.getByText(/^Disabled/).waitFor();
      expect(problems).toEqual([]);
    });
  });

  it('makes the secret for casts’ webhook_url, shows it once, and rotates it', async () => {
    await inPage(browser, web.url, 'web-cast-webhook-secret', async ({ page, problems }) => {
      await signUpInBrowser(page, uniqueEmail('castsecret'));
      await page.getByRole('link', { name: 'Webhooks' }).click();
      const card = page.getByRole('region', { name: 'Secret for casts’ webhook_url' });
      await card.getByText('No secret yet.').waitFor();
      await card.getByRole('button', { name: 'Make secret' }).click();
      const first = (await card.getByTestId('cast-webhook-secret').textContent()) ?? '';
      expect(first).toMatch(/^whsec_/);
      await card.getByRole('button', { name: 'Rotate secret' }).waitFor();
      expect(await card.getByTestId('cast-secret-state').textContent()).toMatch(/^Made /);
      page.once('dialog', (dialog) => void dialog.accept());
      await card.getByRole('button', { name: 'Rotate secret' }).click();
      await expect.poll(async () => card.getByTestId('cast-webhook-secret').textContent()).not.toBe(first);
      expect(await card.getByTestId('cast-webhook-secret').textContent()).toMatch(/^whsec_/);
      expect(problems).toEqual([]);
    });
  });
});
