/**
 * `npm run screenshots`: the main pages of the web app and the admin console, captured from
 * Debian's chromium against a real server (fresh database, the Stripe stand-in), into
 * docs/screenshots/*.png for the README. It drives the pages the way the browser tests do.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { createAdminToken } from '../../src/admin/tokens.js';
import { launchBrowser, PASSWORD, signUpInBrowser } from './browser.js';
import { startWebServer } from './web-server.js';

const outDir = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const echoModule = fileURLToPath(new URL('../../spells/examples/build/echo.wasm', import.meta.url));

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `${outDir}${name}.png`, fullPage: true });
  console.log(`screenshots: docs/screenshots/${name}.png`);
}

async function consumerPages(page: Page, licenseKey: string): Promise<void> {
  await page.goto('/sign-in');
  await shoot(page, 'sign-in');
  await signUpInBrowser(page, 'ada@example.com');
  await page.getByLabel('Key name').fill('laptop');
  await page.getByRole('button', { name: 'Create key' }).click();
  await page.getByTestId('new-key').waitFor();
  await shoot(page, 'api-keys');

  await page.goto('/creator');
  await page.getByLabel('Name', { exact: true }).fill('echo');
  await page.getByLabel('Price per cast ($)').fill('0.02');
  // Public, so the phone's account below can cast it too.
  await page.getByLabel('Visibility').selectOption('public');
  await page.getByLabel('Module (.wasm)').setInputFiles(echoModule);
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByRole('heading', { name: 'echo' }).waitFor();

  await page.goto('/billing');
  await page.getByRole('button', { name: 'Buy $10.00 of credit' }).click();
  await page.getByRole('button', { name: 'Pay $10.00' }).click();
  await page.getByTestId('credits').filter({ hasText: '$10.00' }).waitFor();
  await shoot(page, 'billing');

  await page.goto('/budgets');
  await page.getByLabel('Period', { exact: true }).selectOption('daily');
  await page.getByLabel('Soft limit ($)').fill('0.10');
  await page.getByLabel('Hard limit ($)').fill('0.14');
  await page.getByRole('button', { name: 'Save budget' }).click();
  await page.getByText('Budget saved.').waitFor();

  await page.goto('/playground?spell=echo');
  await page.getByLabel('Input (JSON)').fill('{"greeting": "hello"}');
  for (let cast = 0; cast < 6; cast += 1) {
    await page.getByRole('button', { name: 'Cast', exact: true }).click();
    await page.getByTestId('cast-output').waitFor();
  }
  await page.goto('/playground?spell=spell/text-stats');
  await page.getByLabel('text', { exact: true }).fill('Hello brave new world. Bye.');
  await page.getByRole('button', { name: 'Cast', exact: true }).click();
  await page.getByTestId('cast-output').waitFor();
  await shoot(page, 'playground');
  await page.goto('/playground?spell=echo');
  await page.getByRole('button', { name: 'Cast', exact: true }).click();
  await page.getByRole('button', { name: 'Cast', exact: true }).click();
  await page.getByTestId('budget-exceeded').waitFor();
  await shoot(page, 'playground-budget-exceeded');

  await page.goto('/budgets');
  await page.getByTestId('usage-chart').waitFor();
  await shoot(page, 'budgets');
  await page.goto('/casts');
  await page.getByRole('cell', { name: 'text-stats@1' }).waitFor();
  await shoot(page, 'casts');
  await page.goto('/creator');
  await page.getByRole('link', { name: 'echo' }).waitFor();
  await shoot(page, 'creator');

  await page.context().clearCookies();
  await page.goto('/claim');
  await page.getByLabel('License key', { exact: true }).fill(licenseKey);
  await page.getByLabel('Email').fill('lin@example.com');
  await page.getByLabel('Your name').fill('Lin');
  await page.getByLabel('Team or company name').fill('Lin Labs');
  await page.getByLabel('Password').fill(PASSWORD);
  await shoot(page, 'claim');
  await page.getByRole('button', { name: 'Claim and create account' }).click();
  await page.getByText('License claimed').waitFor();
}

/** The same account's pages at 375 px: the playground, the open Menu, the chart, a table as cards. */
async function phonePages(phone: Page): Promise<void> {
  await signUpInBrowser(phone, 'phone@example.com');
  await phone.goto('/billing');
  await phone.getByRole('button', { name: 'Buy $10.00 of credit' }).click();
  await phone.getByRole('button', { name: 'Pay $10.00' }).click();
  await phone.getByTestId('credits').filter({ hasText: '$10.00' }).waitFor();
  await phone.goto('/budgets');
  await phone.getByLabel('Period', { exact: true }).selectOption('daily');
  await phone.getByLabel('Soft limit ($)').fill('0.04');
  await phone.getByLabel('Hard limit ($)').fill('0.10');
  await phone.getByRole('button', { name: 'Save budget' }).click();
  await phone.getByText('Budget saved.').waitFor();
  await phone.goto('/playground?spell=echo');
  for (let cast = 0; cast < 3; cast += 1) {
    await phone.getByRole('button', { name: 'Cast', exact: true }).click();
    await phone.getByTestId('cast-output').waitFor();
  }
  await phone.goto('/playground?spell=spell/text-stats');
  await phone.getByLabel('text', { exact: true }).fill('Small screens work too.');
  await phone.getByRole('button', { name: 'Cast', exact: true }).click();
  await phone.getByTestId('cast-output').waitFor();
  await shoot(phone, 'phone-playground');
  await phone.getByRole('button', { name: 'Menu' }).click();
  await phone.waitForLoadState('networkidle');
  await phone.screenshot({ path: `${outDir}phone-menu.png` });
  console.log('screenshots: docs/screenshots/phone-menu.png');
  await phone.keyboard.press('Escape');
  await phone.goto('/budgets');
  await phone.getByTestId('usage-chart').waitFor();
  await shoot(phone, 'phone-budgets');
  await phone.goto('/casts');
  await phone.getByRole('cell', { name: 'text-stats@1' }).waitFor();
  await shoot(phone, 'phone-casts');
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const [browser, web] = await Promise.all([launchBrowser(), startWebServer({ billing: true })]);
  try {
    const { token } = await createAdminToken(web.server.services.db, { name: 'screenshots', now: new Date() });
    const admin = await (await browser.newContext({ baseURL: web.url, viewport: { width: 1280, height: 860 } })).newPage();
    await admin.goto('/admin');
    await admin.getByLabel('Admin token').fill(token);
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.getByLabel('How many').fill('5');
    await admin.getByLabel('Memo', { exact: true }).fill('Conference giveaway');
    await admin.getByRole('button', { name: 'Issue keys' }).click();
    const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('button', { name: 'Download CSV' }).click()]);
    const { readFileSync } = await import('node:fs');
    const licenseKey = readFileSync(await download.path(), 'utf8').split(/\r\n/)[1]?.split(',')[0] ?? '';

    const consumer = await (await browser.newContext({ baseURL: web.url, viewport: { width: 1280, height: 860 } })).newPage();
    await consumerPages(consumer, licenseKey);

    const phone = await (await browser.newContext({ baseURL: web.url, viewport: { width: 375, height: 740 }, deviceScaleFactor: 2 })).newPage();
    await phonePages(phone);

    await admin.getByRole('button', { name: 'Done' }).click();
    await admin.reload();
    await admin.getByText('Lin Labs').waitFor();
    await shoot(admin, 'admin-license-keys');
    await admin.getByRole('link', { name: 'Tenants' }).click();
    await admin.getByRole('link', { name: 'Lin Labs' }).click();
    await admin.getByTestId('audit-row').first().waitFor();
    await shoot(admin, 'admin-tenant');
    await admin.getByRole('link', { name: 'Audit log', exact: true }).click();
    await admin.getByTestId('audit-row').first().waitFor();
    await shoot(admin, 'admin-audit-log');
  } finally {
    await browser.close();
    await web.close();
  }
}

await main();
