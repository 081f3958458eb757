import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { hasProgram } from '../helpers/programs.js';

/** Debian's chromium (`apt-get install chromium`; .ci/run installs it). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether the browser suites can run here (see hasProgram: CI requires it). */
export const hasChromium = () => hasProgram(CHROMIUM, 'apt-get install chromium, or set CHROMIUM_PATH');
const resultsDir = fileURLToPath(new URL('../../test-results/', import.meta.url));

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface PageRun {
  page: Page;
  context: BrowserContext;
  /** Uncaught errors and Content-Security-Policy violations seen so far. */
  problems: string[];
}

/**
 * Runs `scenario` in a fresh browser context (its own cookies and storage) against `baseURL`;
 * on failure saves a full-page screenshot to test-results/<name>.png before rethrowing.
 */
export async function inPage(
  browser: Browser,
  baseURL: string,
  name: string,
  scenario: (run: PageRun) => Promise<void>,
  viewport = { width: 1280, height: 900 },
): Promise<void> {
  const context = await browser.newContext({ baseURL, viewport, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  try {
    await scenario({ page, context, problems });
  } catch (error) {
    mkdirSync(resultsDir, { recursive: true });
    await page.screenshot({ path: `${resultsDir}${name}.png`, fullPage: true }).catch(() => undefined);
    throw error;
  } finally {
    await context.close();
  }
}

export const uniqueEmail = (label: string) => `${label}-${Math.random().toString(16).slice(2, 10)}@example.com`;
export const PASSWORD = 'correct horse battery staple';

/** Signs up through the form; lands on the API keys page. */
export async function signUpInBrowser(page: Page, email: string): Promise<void> {
  await page.goto('/sign-up');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'API keys' }).waitFor();
}
