import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminToken } from '../../src/admin/tokens.js';
import { issueKeys, signInToConsole } from './admin-console.js';
import { hasChromium, inPage, launchBrowser, PASSWORD, signUpInBrowser, uniqueEmail } from './browser.js';
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

async function claim(page: Page, key: string, email: string, company: string): Promise<void> {
  await page.goto('/claim');
  await page.getByLabel('License key', { exact: true }).fill(key);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Your name').fill('Lin');
  await page.getByLabel('Team or company name').fill(company);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Claim and create account' }).click();
}

/** The status of the one key issued with `memo`, from the admin API itself. */
async function keyStatus(memo: string): Promise<string | undefined> {
  const response = await fetch(`${web.url}/v1/admin/license-keys?q=${encodeURIComponent(memo)}`, { headers: { authorization: `Bearer ${adminToken}` } });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { license_keys: { status: string }[] };
  expect(body.license_keys).toHaveLength(1);
  return body.license_keys[0]?.status;
}

describe.runIf(hasChromium())('browser: admin console', () => {
  it('issues keys; a new user claims one; the operator sees the tenant, the claim in the audit log, and manages the tenant', async () => {
    const memo = `expo-${Math.random().toString(16).slice(2, 8)}`;
    const company = `Lin Labs ${memo}`;
    const email = uniqueEmail('lin');
    let keys: string[] = [];
    await inPage(browser, web.url, 'admin-issue', async ({ page, problems }) => {
      await signInToConsole(page, adminToken);
      keys = await issueKeys(page, 3, memo);
      expect(keys).toHaveLength(3);
      for (const key of keys) expect(key).toMatch(/^SPELL-[A-Z0-9]{8}-[A-Z0-9]{8}-[A-Z0-9]{8}-[A-Z0-9]{4}$/);
      await page.getByLabel('Memo or hint').fill(memo);
      await page.getByRole('button', { name: 'Filter' }).click();
      await expect.poll(() => page.getByTestId('license-row').filter({ hasText: 'unused' }).count(), { timeout: 15_000 }).toBe(3);
      expect(problems).toEqual([]);
    });

    await inPage(browser, web.url, 'admin-claim', async ({ page }) => {
      await claim(page, keys[0] ?? '', email, company);
      await page.getByText('License claimed').waitFor();
      expect(await page.getByTestId('plan').textContent()).toBe('LIFETIME');
    });

    await inPage(browser, web.url, 'admin-tenant', async ({ page, problems }) => {
      await signInToConsole(page, adminToken);
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
      await expect.poll(() => page.getByTestId('tenant-status').textContent(), { timeout: 15_000 }).toBe('suspended');

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
      await page.getByLabel('From', { exact: true }).fill('2000-01-02T03:04');
      await page.getByLabel('To', { exact: true }).fill('2999-12-31T23:59');
      await page.getByRole('button', { name: 'Filter' }).click();
      const claimed = page.getByTestId('audit-row');
      await expect.poll(() => claimed.count(), { timeout: 15_000 }).toBe(1);
      expect(await claimed.first().textContent()).toContain('license_claimed');
      // After a reload the applied filters are still in the form, the dates too.
      expect(new URL(page.url()).searchParams.get('from')).not.toBeNull();
      await page.reload();
      await expect.poll(() => claimed.count(), { timeout: 15_000 }).toBe(1);
      expect(await page.getByLabel('Action').inputValue()).toBe('license_claimed');
      expect(await page.getByLabel('From', { exact: true }).inputValue()).toBe('2000-01-02T03:04');
      expect(await page.getByLabel('To', { exact: true }).inputValue()).toBe('2999-12-31T23:59');
      await page.getByRole('button', { name: 'Clear' }).click();
      await expect.poll(() => page.getByLabel('From', { exact: true }).inputValue(), { timeout: 15_000 }).toBe('');
      expect(await page.getByLabel('Action').inputValue()).toBe('');
      // Unfiltered, newest first: the operator's last action leads.
      await expect.poll(() => page.getByTestId('audit-row').first().textContent(), { timeout: 15_000 }).toContain('entitlement_revoked');
      expect(problems).toEqual([]);
    });
  });

  it('revokes a key with confirmation, after which claiming it fails', async () => {
    const memo = `revoke-${Math.random().toString(16).slice(2, 8)}`;
    let key = '';
    await inPage(browser, web.url, 'admin-revoke', async ({ page }) => {
      await signInToConsole(page, adminToken);
      [key = ''] = await issueKeys(page, 1, memo);
      await page.getByLabel('Memo or hint').fill(memo);
      await page.getByRole('button', { name: 'Filter' }).click();
      const row = page.getByTestId('license-row').filter({ hasText: memo });
      await row.getByText('unused').waitFor();
      const revokes: string[] = [];
      page.on('request', (request) => {
        if (request.url().endsWith('/revoke')) revokes.push(request.url());
      });
      const dismissed = new Promise<string>((resolve) => page.once('dialog', (dialog) => void dialog.dismiss().then(() => resolve(dialog.message()))));
      await row.getByRole('button', { name: /Revoke key/ }).click();
      expect(await dismissed).toMatch(/^Revoke license key .* It can never be claimed afterwards\.$/);
      // Reload the list after the dismissal: a revoke sent on dismissal would have gone out before it.
      const listed = page.waitForResponse((response) => response.url().includes('/v1/admin/license-keys?') && response.status() === 200);
      await page.getByRole('button', { name: 'Filter' }).click();
      await listed;
      await row.getByText('unused').waitFor();
      expect(revokes).toEqual([]);
      expect(await keyStatus(memo)).toBe('unused');

      page.once('dialog', (dialog) => void dialog.accept());
      await row.getByRole('button', { name: /Revoke key/ }).click();
      await row.getByText('revoked', { exact: true }).waitFor();
      expect(revokes).toHaveLength(1);
      expect(await keyStatus(memo)).toBe('revoked');
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
      expect(await page.getByRole('heading', { name: 'Tenants' }).count()).toBe(0);
      // The signed-in session cookie goes with these requests, and opens nothing.
      for (const path of ['/v1/admin/tenants', '/v1/admin/license-keys', '/v1/admin/audit-logs']) {
        const response = await page.request.get(path);
        expect(response.status(), path).toBe(401);
        expect(await response.text(), path).not.toMatch(/"tenants"|"license_keys"|"audit_logs"/);
      }
      await page.getByLabel('Admin token').fill(apiKey);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('This admin token is not valid').waitFor();
      expect(await page.getByRole('heading', { name: 'Tenants' }).count()).toBe(0);
    });
  });
});
