import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../src/http/json-depth.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { signUp, type SignedUp } from './helpers/users.js';

/** `depth` arrays, one inside the next, around a string. */
function nested(depth: number): unknown {
  let value: unknown = 'core';
  for (let level = 0; level < depth; level += 1) value = [value];
  return value;
}

let t: TestApp;
let user: SignedUp;
beforeAll(async () => {
  t = await buildTestApp();
  user = await signUp(t.app);
  await publish(t.app, user, 'echo', exampleSpell('echo'));
});
afterAll(() => t.close());

describe('http: how deep a JSON body may nest', () => {
  it('refuses a cast input nested past the limit with 400, before a cast is recorded or anything runs', async () => {
    // 5,000 levels is 10 KB of body, well under the size limit; serialising it for the spell overflowed the stack.
    // Written out by hand: JSON.stringify itself cannot serialise it.
    const body = `{"spell":"echo","input":${'['.repeat(5_000)}"core"${']'.repeat(5_000)}}`;
    const deep = await t.app.inject({ method: 'POST', url: '/v1/cast', headers: { ...user.headers, 'content-type': 'application/json' }, payload: body });
    expect(deep.statusCode).toBe(400);
    expect(deep.json()).toMatchObject({ error: 'validation_failed', message: expect.stringContaining(`more than ${MAX_JSON_DEPTH} deep`) });
    const justOver = await t.app.inject({ method: 'POST', url: '/v1/cast', headers: user.headers, payload: { spell: 'echo', input: nested(MAX_JSON_DEPTH) } });
    expect(justOver.statusCode).toBe(400);
    const history = await t.app.inject({ method: 'GET', url: '/v1/casts', headers: user.headers });
    expect(history.json<{ casts: unknown[] }>().casts).toEqual([]);
  });

  it('casts an input nested right up to the limit and hands it to the spell whole', async () => {
    // The body's own object is one level, so the input may take the rest.
    const input = nested(MAX_JSON_DEPTH - 1);
    const cast = await t.app.inject({ method: 'POST', url: '/v1/cast', headers: user.headers, payload: { spell: 'echo', input } });
    expect(cast.statusCode).toBe(200);
    expect(cast.json<{ output: unknown }>().output).toEqual(input);
  });

  it('answers a malformed percent-encoding in the URL in the error shape', async () => {
    const answer = await t.app.inject({ method: 'GET', url: '/v1/spells/%E0%A4%A', headers: user.headers });
    expect(answer.statusCode).toBe(400);
    expect(answer.json()).toEqual({ error: 'validation_failed', message: expect.stringContaining('percent-encoding') });
  });
});
