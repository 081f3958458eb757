import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { createOperator, type Operator } from './helpers/admin.js';
import { createKey, signUp } from './helpers/users.js';

const AUDIENCE = 'aud-0123456789abcdef';
type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/** Cloudflare Access's certs endpoint for a team, on loopback, serving the public half of `key`. */
async function startCertsServer(jwk: JWK): Promise<{ url: string; server: Server; requests: () => number }> {
  let requests = 0;
  const server = createServer((request, response) => {
    requests += 1;
    if (request.url !== '/cdn-cgi/access/certs') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, requests: () => requests };
}

describe('admin.auth', () => {
  let t: TestApp;
  let operator: Operator;
  beforeAll(async () => {
    t = await buildTestApp();
    operator = await createOperator(t.services);
  });
  afterAll(() => t.close());

  it('lets an admin token in and keeps everyone else out', async () => {
    const ok = await t.app.inject({ url: '/v1/admin/session', headers: operator.headers });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ admin: { id: operator.id, name: 'test operator' } });

    const consumer = await signUp(t.app);
    const { key } = await createKey(t.app, consumer);
    const refused = [
      {},
      { authorization: 'Bearer spa_admin_not-a-real-token' },
      consumer.headers,
      { authorization: `Bearer ${key}` },
      { cookie: `spell_session=${consumer.token}` },
    ];
    for (const headers of refused) {
      for (const url of ['/v1/admin/session', '/v1/admin/license-keys', '/v1/admin/tenants', '/v1/admin/audit-logs']) {
        const response = await t.app.inject({ url, headers });
        expect(response.statusCode, `${url} with ${JSON.stringify(headers)}`).toBe(401);
        expect(response.json()).toMatchObject({ error: 'unauthorized' });
      }
    }
    const write = await t.app.inject({
      method: 'POST',
      url: '/v1/admin/license-keys',
      headers: { authorization: `Bearer ${key}` },
      payload: { count: 1, memo: 'x' },
    });
    expect(write.statusCode).toBe(401);
  });

  it('does not let an admin token act as a consumer', async () => {
    const response = await t.app.inject({ url: '/v1/me', headers: operator.headers });
    expect(response.statusCode).toBe(401);
  });

  it('stops working once revoked', async () => {
    const { revokeAdminToken } = await import('../src/admin/tokens.js');
    const doomed = await createOperator(t.services, 'leaving');
    expect((await t.app.inject({ url: '/v1/admin/session', headers: doomed.headers })).statusCode).toBe(200);
    expect(await revokeAdminToken(t.services.db, { id: doomed.id, now: new Date(), actor: { type: 'system' } })).toBe(true);
    expect((await t.app.inject({ url: '/v1/admin/session', headers: doomed.headers })).statusCode).toBe(401);
  });
});

describe('admin.auth with an IP allow-list', () => {
  let t: TestApp;
  let operator: Operator;
  beforeAll(async () => {
    t = await buildTestApp({ env: { ADMIN_IP_ALLOWLIST: '10.1.0.0/16, 192.168.7.7' } });
    operator = await createOperator(t.services);
  });
  afterAll(() => t.close());

  it('refuses a valid token from an address outside the list', async () => {
    for (const remoteAddress of ['10.2.0.1', '127.0.0.1', '192.168.7.8']) {
      const response = await t.app.inject({ url: '/v1/admin/session', headers: operator.headers, remoteAddress });
      expect(response.statusCode, remoteAddress).toBe(403);
      expect(response.json()).toMatchObject({ error: 'forbidden' });
    }
    for (const remoteAddress of ['10.1.200.3', '192.168.7.7', '::ffff:10.1.0.9']) {
      const response = await t.app.inject({ url: '/v1/admin/session', headers: operator.headers, remoteAddress });
      expect(response.statusCode, remoteAddress).toBe(200);
    }
  });
});

describe('admin.auth with an IP allow-list behind a load balancer', () => {
  let t: TestApp;
  let operator: Operator;
  beforeAll(async () => {
    t = await buildTestApp({ env: { ADMIN_IP_ALLOWLIST: '10.1.0.0/16', TRUST_PROXY: '1' } });
    operator = await createOperator(t.services);
  });
  afterAll(() => t.close());

  it('sees the address the balancer saw, not one the client wrote into X-Forwarded-For', async () => {
    const balancer = '10.0.0.2';
    const genuine = await t.app.inject({
      url: '/v1/admin/session',
      headers: { ...operator.headers, 'x-forwarded-for': '10.1.2.3' },
      remoteAddress: balancer,
    });
    expect(genuine.statusCode).toBe(200);
    // The client forged "10.1.2.3"; the balancer appended the address it really came from.
    const forged = await t.app.inject({
      url: '/v1/admin/session',
      headers: { ...operator.headers, 'x-forwarded-for': '10.1.2.3, 203.0.113.9' },
      remoteAddress: balancer,
    });
    expect(forged.statusCode).toBe(403);
  });
});

describe('admin.auth behind Cloudflare Access', () => {
  let t: TestApp;
  let operator: Operator;
  let certs: Awaited<ReturnType<typeof startCertsServer>>;
  let sign: (claims: { aud?: string; iss?: string; exp?: number | null }, key?: PrivateKey) => Promise<string>;
  let strangerKey: PrivateKey;

  beforeAll(async () => {
    const team = await generateKeyPair('RS256', { extractable: true });
    strangerKey = (await generateKeyPair('RS256')).privateKey;
    certs = await startCertsServer({ ...(await exportJWK(team.publicKey)), kid: 'team-key-1', alg: 'RS256', use: 'sig' });
    t = await buildTestApp({ env: { CF_ACCESS_TEAM_DOMAIN: certs.url, CF_ACCESS_POLICY_AUD: AUDIENCE } });
    operator = await createOperator(t.services);
    sign = (claims, key = team.privateKey) => {
      const jwt = new SignJWT({ email: 'ops@example.com' })
        .setProtectedHeader({ alg: 'RS256', kid: 'team-key-1' })
        .setIssuer(claims.iss ?? certs.url)
        .setAudience(claims.aud ?? AUDIENCE)
        .setIssuedAt();
      // `exp: null` signs a token that never expires.
      if (claims.exp !== null) jwt.setExpirationTime(claims.exp ?? Math.floor(Date.now() / 1000) + 600);
      return jwt.sign(key);
    };
  });
  afterAll(async () => {
    await t.close();
    certs.server.close();
  });

  it('needs both a verified Access JWT and an admin token', async () => {
    const good = await sign({});
    const pass = await t.app.inject({ url: '/v1/admin/session', headers: { ...operator.headers, 'cf-access-jwt-assertion': good } });
    expect(pass.statusCode).toBe(200);

    const bad = {
      missing: undefined,
      garbage: 'not.a.jwt',
      'wrong audience': await sign({ aud: 'someone-else' }),
      'wrong issuer': await sign({ iss: 'https://evil.cloudflareaccess.com' }),
      expired: await sign({ exp: Math.floor(Date.now() / 1000) - 3600 }),
      'no expiry': await sign({ exp: null }),
      'wrong key': await sign({}, strangerKey),
    };
    for (const [name, assertion] of Object.entries(bad)) {
      const headers = { ...operator.headers, ...(assertion ? { 'cf-access-jwt-assertion': assertion } : {}) };
      const response = await t.app.inject({ url: '/v1/admin/session', headers });
      expect(response.statusCode, name).toBe(401);
    }
    const noToken = await t.app.inject({ url: '/v1/admin/session', headers: { 'cf-access-jwt-assertion': good } });
    expect(noToken.statusCode).toBe(401);
  });

  it("caches the team's keys instead of fetching them per request", async () => {
    const before = certs.requests();
    for (let i = 0; i < 5; i += 1) {
      const response = await t.app.inject({
        url: '/v1/admin/session',
        headers: { ...operator.headers, 'cf-access-jwt-assertion': await sign({}) },
      });
      expect(response.statusCode).toBe(200);
    }
    expect(certs.requests() - before).toBe(0);
  });
});
