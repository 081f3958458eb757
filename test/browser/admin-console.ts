import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { PASSWORD } from './browser.js';

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

/** Calls the API at `baseUrl` as a consumer with a bearer session (no CSRF: not a cookie); bytes go as a Wasm body. */
export async function callApi(baseUrl: string, token: string, method: string, path: string, body?: unknown): Promise<Response> {
  const wasm = body instanceof Uint8Array;
  return fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': wasm ? 'application/wasm' : 'application/json' }) },
    ...(body === undefined ? {} : { body: wasm ? Buffer.from(body) : JSON.stringify(body) }),
  });
}

/** Registers an account through the API and returns its session token. */
export async function registerByApi(baseUrl: string, email: string): Promise<string> {
  const response = await fetch(`${baseUrl}/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

/** Signs in through the form, asking to land on `next`. */
export async function signInInBrowser(page: Page, email: string, next: string): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
