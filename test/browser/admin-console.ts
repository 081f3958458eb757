import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Opens the console at /admin with an operator's admin token. */
export async function signInToConsole(page: Page, adminToken: string): Promise<void> {
  await page.goto('/admin');
  await page.getByLabel('Admin token').fill(adminToken);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'License keys', exact: true }).waitFor();
}

/** Issues a batch through the console and returns the keys from the downloaded CSV. */
export async function issueKeys(page: Page, count: number, memo: string): Promise<string[]> {
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
