import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminToken } from '../../src/admin/tokens.js';
import { handleFrom } from '../../src/tenants/handles.js';
import { exampleSpell } from '../helpers/spells.js';
import { callApi, issueKeys, registerByApi, signInInBrowser, signInToConsole } from './admin-console.js';
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
      await page.getByLabel('Name, handle or email').fill(email);
      await page.getByRole('button', { name: 'Search' }).click();
      const row = page.getByTestId('tenant-row').filter({ hasText: company });
      await row.waitFor();
      expect(await row.getByRole('cell').allTextContents()).toEqual([company, handleFrom(company), email, 'LIFETIME', 'active', expect.any(String)]);
      await row.getByRole('link', { name: company }).click();
      await page.getByRole('heading', { name: company }).waitFor();
      expect(await page.getByTestId('tenant-plan').textContent()).toBe('LIFETIME');
      expect(await page.getByTestId('tenant-handle').textContent()).toBe(handleFrom(company));
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

  it('unpublishes a spell with a reason from the console; its owner sees the banner; republish puts it back', async () => {
    const tag = Math.random().toString(16).slice(2, 8);
    const creatorEmail = uniqueEmail('maker');
    const creator = await registerByApi(web.url, creatorEmail);
    const consumer = await registerByApi(web.url, uniqueEmail('caster'));
    const handle = `maker-${tag}`;
    expect((await callApi(web.url, creator, 'PATCH', '/v1/tenant', { handle })).status).toBe(200);
    const name = `glow-${tag}`;
    expect((await callApi(web.url, creator, 'POST', '/v1/spells', { name, visibility: 'public', description: 'Makes things glow' })).status).toBe(201);
    expect((await callApi(web.url, creator, 'POST', `/v1/spells/${name}/versions`, exampleSpell('echo'))).status).toBe(201);
    const full = `${handle}/${name}`;
    const castBy = (token: string) => callApi(web.url, token, 'POST', '/v1/cast', { spell: full, input: { glow: true } });
    expect((await castBy(consumer)).status).toBe(200);
    const reason = `Reported as a phishing helper ${tag}`;

    await inPage(browser, web.url, 'admin-unpublish', async ({ page, problems }) => {
      await signInToConsole(page, adminToken);
      await page.getByRole('link', { name: 'Spells', exact: true }).click();
      await page.getByRole('heading', { name: 'Spells', level: 1 }).waitFor();
      await page.getByLabel('Name, owner or description').fill(name);
      await page.getByRole('button', { name: 'Search' }).click();
      const row = page.getByTestId('spell-row').filter({ hasText: full });
      await row.waitFor();
      expect(await row.getByRole('cell').allTextContents()).toEqual([`${full}Makes things glow`, 'public', 'live', '1', expect.any(String), 'Unpublish']);

      const unpublishes: string[] = [];
      page.on('request', (request) => {
        if (request.url().endsWith('/unpublish')) unpublishes.push(request.url());
      });
      const opener = row.getByRole('button', { name: `Unpublish ${full}` });
      await opener.click();
      const dialog = page.getByRole('dialog', { name: `Unpublish ${full}?` });
      await dialog.waitFor();
      // The focus is inside the dialog; Cancel closes it, sends nothing and gives the focus back.
      expect(await dialog.evaluate((element) => element.contains(element.ownerDocument.activeElement))).toBe(true);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden' });
      expect(await opener.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
      expect(unpublishes).toEqual([]);

      await opener.click();
      await dialog.getByRole('button', { name: 'Unpublish' }).click();
      // The reason is required: the browser keeps the form from being sent without it.
      expect(unpublishes).toEqual([]);
      await dialog.getByLabel('Reason (shown to the owner)').fill(reason);
      await dialog.getByRole('button', { name: 'Unpublish' }).click();
      await page.getByText(`${full} unpublished.`).waitFor();
      await dialog.waitFor({ state: 'hidden' });
      await row.getByText('unpublished', { exact: true }).waitFor();
      await row.getByText(reason, { exact: false }).waitFor();
      expect(unpublishes).toHaveLength(1);
      expect(problems).toEqual([]);
    });

    const refused = await castBy(consumer);
    expect(refused.status).toBe(410);
    expect((await castBy(creator)).status).toBe(200);

    await inPage(browser, web.url, 'owner-unpublished-banner', async ({ page, problems }) => {
      await signInInBrowser(page, creatorEmail, `/creator/${name}`);
      const banner = page.getByTestId('unpublished-banner');
      await banner.waitFor();
      expect(await page.getByTestId('unpublished-reason').textContent()).toBe(reason);
      expect(await banner.getAttribute('role')).toBe('alert');
      await page.getByTestId('account-link').click();
      await page.getByRole('heading', { name: 'Account', level: 1 }).waitFor();
      expect(await page.getByTestId('account-handle').textContent()).toBe(handle);
      // A spell of this handle has been public: the handle is fixed, and the form says why.
      expect(await page.getByTestId('handle-locked').textContent()).toContain(`${full} has been public`);
      expect(await page.getByLabel('New handle').isDisabled()).toBe(true);
      expect(problems).toEqual([]);
    });

    await inPage(browser, web.url, 'admin-republish', async ({ page }) => {
      await signInToConsole(page, adminToken);
      await page.goto('/admin/spells');
      await page.getByLabel('Status').selectOption('unpublished');
      await page.getByLabel('Name, owner or description').fill(handle);
      await page.getByRole('button', { name: 'Search' }).click();
      const row = page.getByTestId('spell-row').filter({ hasText: full });
      page.once('dialog', (confirm) => void confirm.accept());
      await row.getByRole('button', { name: `Republish ${full}` }).click();
      await page.getByText(`${full} republished.`).waitFor();
      await expect.poll(() => page.getByTestId('spell-row').filter({ hasText: full }).count(), { timeout: 15_000 }).toBe(0);
    });
    expect((await castBy(consumer)).status).toBe(200);
  });

  it('changes the handle from the account page', async () => {
    await inPage(browser, web.url, 'account-handle', async ({ page, problems }) => {
      await signUpInBrowser(page, uniqueEmail('renamer'));
      await page.getByTestId('account-link').click();
      await page.getByRole('heading', { name: 'Account', level: 1 }).waitFor();
      const fresh = `renamed-${Math.random().toString(16).slice(2, 8)}`;
      await page.getByLabel('New handle').fill('admin');
      await page.getByRole('button', { name: 'Change handle' }).click();
      await page.getByRole('alert').filter({ hasText: 'admin is reserved' }).waitFor();
      await page.getByLabel('New handle').fill(fresh);
      await page.getByRole('button', { name: 'Change handle' }).click();
      await page.getByText(`Your handle is now ${fresh}.`).waitFor();
      expect(await page.getByTestId('account-handle').textContent()).toBe(fresh);
      await expect.poll(() => page.getByTestId('account-link').textContent()).toContain(fresh);
      expect(problems).toEqual([]);
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
