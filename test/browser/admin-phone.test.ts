import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminToken } from '../../src/admin/tokens.js';
import { exampleSpell } from '../helpers/spells.js';
import { issueKeys, signInToConsole } from './admin-console.js';
import { hasChromium, inPage, launchBrowser, PASSWORD, uniqueEmail } from './browser.js';
import { expectLinksOnScreen, expectNoClippedCells, expectNoSidewaysScroll, openMenu, PHONE } from './phone.js';
import { startWebServer, type WebServer } from './web-server.js';

const adminLinks = ['License keys', 'Tenants', 'Spells', 'Creators', 'Payouts', 'Audit log'] as const;

let browser: Browser;
let web: WebServer;
let adminToken: string;
beforeAll(async () => {
  [browser, web] = await Promise.all([launchBrowser(), startWebServer()]);
  adminToken = (await createAdminToken(web.server.services.db, { name: 'phone operator', now: new Date() })).token;
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
});

describe.runIf(hasChromium())('browser: admin console at phone width', () => {
  it('fits license keys, a tenant with entitlements and the audit log on a phone', async () => {
    const memo = `phone-${Math.random().toString(16).slice(2, 8)}`;
    const email = uniqueEmail('phone-tenant');
    const registered = await fetch(`${web.url}/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(registered.status).toBe(201);
    const token = ((await registered.json()) as { token: string }).token;
    const spell = `phone-spell-${Math.random().toString(16).slice(2, 8)}`;
    const asCreator = (path: string, body: string | Uint8Array, type: string) =>
      fetch(`${web.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body: typeof body === 'string' ? body : Buffer.from(body) });
    expect((await asCreator('/v1/spells', JSON.stringify({ name: spell, visibility: 'public' }), 'application/json')).status).toBe(201);
    expect((await asCreator(`/v1/spells/${spell}/versions`, exampleSpell('echo'), 'application/wasm')).status).toBe(201);

    await inPage(
      browser,
      web.url,
      'admin-phone',
      async ({ page, problems }) => {
        await signInToConsole(page, adminToken);
        await issueKeys(page, 2, memo);
        await page.getByLabel('Memo or hint').fill(memo);
        await page.getByRole('button', { name: 'Filter' }).click();
        await expect.poll(() => page.getByTestId('license-row').count(), { timeout: 15_000 }).toBe(2);
        await expectNoSidewaysScroll(page, 'license keys');
        expect(await expectNoClippedCells(page, 'license keys')).toBe(12);

        // The console's header folds like the web app's: Menu, every link on screen, Escape closes.
        await openMenu(page, 'Admin');
        await expectLinksOnScreen(page, 'Admin', adminLinks);
        await page.keyboard.press('Escape');
        expect(await page.getByRole('link', { name: 'Tenants' }).isVisible()).toBe(false);
        expect(await page.evaluate('document.activeElement?.textContent?.trim()')).toBe('Menu');

        await (await openMenu(page, 'Admin')).getByRole('link', { name: 'Tenants' }).click();
        await page.getByLabel('Name, handle or email').fill(email);
        await page.getByRole('button', { name: 'Search' }).click();
        await page.getByTestId('tenant-row').filter({ hasText: email }).getByRole('link').click();
        await page.getByLabel('Plan', { exact: true }).selectOption('PRO');
        await page.getByRole('button', { name: 'Grant' }).click();
        await page.getByTestId('entitlement-row').filter({ hasText: 'manual' }).waitFor();
        await expectNoSidewaysScroll(page, 'tenant');
        expect(await expectNoClippedCells(page, 'tenant')).toBeGreaterThanOrEqual(10);

        await (await openMenu(page, 'Admin')).getByRole('link', { name: 'Spells', exact: true }).click();
        await page.getByLabel('Name, owner or description').fill(spell);
        await page.getByRole('button', { name: 'Search' }).click();
        await page.getByTestId('spell-row').first().waitFor();
        await expectNoSidewaysScroll(page, 'spells');
        expect(await expectNoClippedCells(page, 'spells')).toBeGreaterThanOrEqual(5);
        await page.getByRole('button', { name: /^Unpublish / }).click();
        const dialog = page.getByRole('dialog');
        await dialog.waitFor();
        const box = await dialog.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true);
        await dialog.getByLabel('Reason (shown to the owner)').fill('phone check');
        await dialog.getByRole('button', { name: 'Unpublish' }).click();
        await page.getByTestId('spell-row').getByText('unpublished', { exact: true }).waitFor();
        await expectNoSidewaysScroll(page, 'spells after unpublish');

        await (await openMenu(page, 'Admin')).getByRole('link', { name: 'Audit log', exact: true }).click();
        await page.getByTestId('audit-row').first().waitFor();
        await expectNoSidewaysScroll(page, 'audit log');
        expect(await expectNoClippedCells(page, 'audit log')).toBeGreaterThanOrEqual(5);
        expect(problems).toEqual([]);
      },
      PHONE,
    );
  });
});
