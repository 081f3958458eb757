import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminToken } from '../../src/admin/tokens.js';
import { inPage, launchBrowser, PASSWORD, signUpInBrowser, uniqueEmail } from './browser.js';
import { startWebServer, type WebServer } from './web-server.js';

let browser: Browser;
let web: WebServer;
let adminToken: string;
beforeAll(async () => {
  [browser, web] = await Promise.all([launchBrowser(), startWebServer()]);
  adminToken = (await createAdminToken(web.server.services.db, { name: 'browser-test operator', now: new Date() })).token;
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
});

async function signInToConsole(page: Page): Promise<void> {
  await page.goto('/admin');
  await page.getByLabel('Admin token').fill(adminToken);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'License keys', exact: true }).waitFor();
}

/** Issues a batch through the console and returns the keys from the downloaded CSV. */
async function issueKeys(page: Page, count: number, memo: string): Promise<string[]> {
  await page.getByLabel('How many').fill(String(count));
  await page.getByLabel('Memo', { exact: true }).fill(memo);
  await page.getByRole('button', { name: 'Issue keys' }).click();
  await page.getByText(`${count} keys issued`).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  const csv = readFileSync(await download.path(), 'utf8').trim().split(/\r\n/);
  expect(csv[0]).toBe('key,id,batch_id,memo,created_at');
  await page.getByRole('button', { name: 'Done' }).click();
  return csv.slice(1).map((line) => line.split(',')[0] ?? '');
}

async function claim(page: Page, key: string, email: string, company: string): Promise<void> {
  await page.goto('/claim');
  await page.getByLabel('License key', { exact: true }).fill(key);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Your name').fill('Lin');
  await page.getByLabel('Team or company name').fill(company);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Claim and create account' }).click();
}

describe('browser: admin console', () => {
  it('issues keys; a new user claims one; the operator sees the tenant, the claim in the audit log, and manages the tenant', async () => {
    const memo = `expo-${Math.random().toString(16).slice(2, 8)}`;
    const company = `Lin Labs ${memo}`;
    const email = uniqueEmail('lin');
    let keys: string[] = [];
    await inPage(browser, web.url, 'admin-issue', async ({ page, problems }) => {
      await signInToConsole(page);
      keys = await issueKeys(page, 3, memo);
      expect(keys).toHaveLength(3);
      for (const key of keys) expect(key).toMatch(/^SPELL-[A-Z0-9]{8}-[A-Z0-9]{8}-[A-Z0-9]{8}-[A-Z0-9]{4}$/);
      await page.getByLabel('Memo or hint').fill(memo);
      await page.getByRole('button', { name: 'Filter' }).click();
      await expect.poll(() => page.getByTestId('license-row').filter({ hasText: 'unused' }).count()).toBe(3);
      expect(problems).toEqual([]);
    });

    await inPage(browser, web.url, 'admin-claim', async ({ page }) => {
      await claim(page, keys[0] ?? '', email, company);
      await page.getByText('License claimed').waitFor();
      expect(await page.getByTestId('plan').textContent()).toBe('LIFETIME');
    });

    await inPage(browser, web.url, 'admin-tenant', async ({ page, problems }) => {
      await signInToConsole(page);
      await page.getByRole('link', { name: 'Tenants' }).click();
      await page.getByLabel('Name or email').fill(email);
      await page.getByRole('button', { name: 'Search' }).click();
      const row = page.getByTestId('tenant-row').filter({ hasText: company });
      await row.waitFor();
      expect(await row.getByRole('cell').allTextContents()).toEqual([company, email, 'LIFETIME', 'active', expect.any(String)]);
      await row.getByRole('link', { name: company }).click();
      await page.getByRole('heading', { name: company }).waitFor();
      expect(await page.getByTestId('tenant-plan').textContent()).toBe('LIFETIME');
      await page.getByTestId('audit-row').filter({ hasText: 'license_claimed' }).waitFor();

      await page.getByLabel('New status').selectOption('suspended');
      await page.getByLabel('Reason', { exact: true }).fill('chargeback under review');
      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: 'Change status' }).click();
      await page.getByText('Status set to suspended.').waitFor();
      await expect.poll(() => page.getByTestId('tenant-status').textContent()).toBe('suspended');

      await page.getByLabel('Plan', { exact: true }).selectOption('PRO');
      await page.getByRole('button', { name: 'Grant' }).click();
      await page.getByText('PRO entitlement granted.').waitFor();
      const pro = page.getByTestId('entitlement-row').filter({ hasText: 'manual' });
      page.once('dialog', (dialog) => void dialog.accept('goodwill ended'));
      await pro.getByRole('button', { name: 'Revoke' }).click();
      await page.getByText('PRO entitlement revoked.').waitFor();
      await pro.getByText('revoked', { exact: true }).waitFor();

      await page.getByRole('link', { name: 'Audit log', exact: true }).click();
      await page.getByLabel('Action').fill('license_claimed');
      await page.getByRole('button', { name: 'Filter' }).click();
      const claimed = page.getByTestId('audit-row');
      await expect.poll(() => claimed.count()).toBe(1);
      expect(await claimed.first().textContent()).toContain('license_claimed');
      await page.getByRole('button', { name: 'Clear' }).click();
      // Unfiltered, newest first: the operator's last action leads.
      await expect.poll(() => page.getByTestId('audit-row').first().textContent()).toContain('entitlement_revoked');
      expect(problems).toEqual([]);
    });
  });

  it('revokes a key with confirmation, after which claiming it fails', async () => {
    const memo = `revoke-${Math.random().toString(16).slice(2, 8)}`;
    let key = '';
    await inPage(browser, web.url, 'admin-revoke', async ({ page }) => {
      await signInToConsole(page);
      [key = ''] = await issueKeys(page, 1, memo);
      await page.getByLabel('Memo or hint').fill(memo);
      await page.getByRole('button', { name: 'Filter' }).click();
      const row = page.getByTestId('license-row').filter({ hasText: memo });
      await row.getByText('unused').waitFor();
      page.once('dialog', (dialog) => void dialog.dismiss());
      await row.getByRole('button', { name: /Revoke key/ }).click();
      expect(await row.getByText('unused').count()).toBe(1);
      page.once('dialog', (dialog) => void dialog.accept());
      await row.getByRole('button', { name: /Revoke key/ }).click();
      await row.getByText('revoked', { exact: true }).waitFor();
    });
    await inPage(browser, web.url, 'admin-revoked-claim', async ({ page }) => {
      await claim(page, key, uniqueEmail('late'), 'Too Late Ltd');
      await page.getByRole('alert').filter({ hasText: 'This license key cannot be claimed' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/claim');
    });
  });

  it('opens only with an admin token: a consumer session or API key does not get in', async () => {
    await inPage(browser, web.url, 'admin-consumer', async ({ page }) => {
      await signUpInBrowser(page, uniqueEmail('nosy'));
      await page.getByLabel('Key name').fill('mine');
      await page.getByRole('button', { name: 'Create key' }).click();
      const apiKey = (await page.getByTestId('new-key').textContent()) ?? '';
      await page.goto('/admin/tenants');
      await page.getByRole('heading', { name: 'Admin console' }).waitFor();
      await page.getByLabel('Admin token').fill(apiKey);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('This admin token is not valid').waitFor();
      expect(await page.getByRole('heading', { name: 'Tenants' }).count()).toBe(0);
    });
  });
});
