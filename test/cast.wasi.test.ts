import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { assembleWat, publish } from './helpers/spells.js';
import { signUp, type SignedUp } from './helpers/users.js';

let t: TestApp;
let creator: SignedUp;
let consumer: SignedUp;
beforeAll(async () => {
  t = await buildTestApp({ env: { SPELL_WORKERS: '1' } });
  creator = await signUp(t.app);
  consumer = await signUp(t.app);
  await publish(t.app, creator, 'wasi-hello', await assembleWat('wasi-reactor.wat'), { visibility: 'public', price_cents: 0 });
  await publish(t.app, creator, 'fetcher', await assembleWat('http-call.wat'), { visibility: 'public', price_cents: 3 });
});
afterAll(() => t.close());

function cast(who: SignedUp, spell: string, input: unknown = {}) {
  return t.app.inject({ method: 'POST', url: '/v1/cast', headers: who.headers, payload: { spell, input } });
}

describe('cast.wasi: WASI modules over the API', () => {
  it('casts a WASI reactor module', async () => {
    const response = await cast(consumer, `${creator.handle}/wasi-hello`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ output: 'ok:0' });
  });

  it('fails a cast that makes an HTTP request with 422 spell_capability_denied, and charges nothing', async () => {
    const response = await cast(consumer, `${creator.handle}/fetcher`);
    expect(response.statusCode).toBe(422);
    const body = response.json<{ error: string; message: string; cast_id: string }>();
    expect(body).toMatchObject({ error: 'spell_capability_denied', message: 'The spell called http_request: spells cannot make HTTP requests.' });
    const record = await t.app.inject({ method: 'GET', url: `/v1/casts/${body.cast_id}`, headers: consumer.headers });
    expect(record.json()).toMatchObject({ status: 'failed', error_code: 'spell_capability_denied', cost_cents: 0 });
  });
});
