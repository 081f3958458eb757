import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webDistDir } from '../src/web/static.js';
import { buildTestApp, type TestApp } from './helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

describe('web.static', () => {
  it('serves the app’s page for its own paths, the console’s too, under the strict CSP', async () => {
    for (const url of ['/', '/keys', '/creator/reshape', '/admin', '/admin/tenants/123']) {
      const response = await t.app.inject({ url, headers: html });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toContain('<div id="root"></div>');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    }
  });

  it('serves the hashed assets for good, and the page names only same-origin scripts', async () => {
    const page = await t.app.inject({ url: '/', headers: html });
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const asset = readdirSync(join(webDistDir, 'assets')).find((file) => file.endsWith('.js'));
    const response = await t.app.inject({ url: `/assets/${asset}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['cache-control']).toContain('immutable');
  });

  it('tells a client that is not a browser, at /, where the web app, the docs and the OpenAPI document are', async () => {
    for (const accept of ['*/*', 'application/json', undefined]) {
      const response = await t.app.inject({ url: '/', headers: accept ? { accept } : {} });
      expect(response.statusCode, accept).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers.vary).toMatch(/accept/i);
      const body = response.json();
      expect(body).toMatchObject({ name: 'Spell Platform', web_app: expect.stringMatching(/\/$/), admin_console: expect.stringMatching(/\/admin$/) });
      expect(body.message).toContain('/docs');
      for (const link of [body.docs, body.openapi]) {
        const linked = await t.app.inject({ url: new URL(link).pathname });
        expect(linked.statusCode, link).toBe(200);
      }
    }
  });

  it('keeps JSON 404s for the API and for files that do not exist', async () => {
    for (const url of ['/v1/nope', '/auth/nope', '/webhooks/nope', '/v1', '/docs/nope', '/assets/missing.js', '/../package.json', '/%2e%2e/package.json', '/assets/%2e%2e%2f%2e%2e%2fpackage.json', '/a/%2e%2e/%2e%2e/package.json']) {
      const response = await t.app.inject({ url, headers: html });
      expect(response.statusCode, url).toBe(404);
      expect(response.json(), url).toMatchObject({ error: 'not_found' });
    }
    const api = await t.app.inject({ url: '/keys', headers: { accept: 'application/json' } });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: 'not_found' });
    const write = await t.app.inject({ method: 'POST', url: '/keys', headers: html });
    expect(write.statusCode).toBe(404);
  });
});
