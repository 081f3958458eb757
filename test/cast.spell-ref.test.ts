import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { signUp, type SignedUp } from './helpers/users.js';

let t: TestApp;
let creator: SignedUp;
beforeAll(async () => {
  t = await buildTestApp();
  creator = await signUp(t.app);
  await publish(t.app, creator, 'text-stats', exampleSpell('text-stats'));
});
afterAll(() => t.close());

const cast = (spell: string) =>
  t.app.inject({ method: 'POST', url: '/v1/cast', headers: creator.headers, payload: { spell, input: { text: 'a b' } } });

describe('cast.spell-ref', () => {
  it('casts name@version when the version is decimal digits', async () => {
    expect((await cast('text-stats@1')).json()).toMatchObject({ output: { words: 2 } });
    expect((await cast('text-stats@2147483647')).json()).toMatchObject({ error: 'not_found' });
  });

  it.each(['2147483648', '99999999999999999999', '0x1', '1e3', '1.0', ' 1', '+1', '-1', '0', '', '١'])(
    'refuses version %j with 400 validation_failed',
    async (version) => {
      const response = await cast(`text-stats@${version}`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: 'validation_failed', issues: [{ in: 'body', path: '/spell' }] });
    },
  );

  it.each([
    ['/text-stats', '"" is not an owner'],
    ['someone/', '"" is not a spell name'],
    ['Some/text-stats', '"Some" is not an owner'],
    ['a/b/c', 'one slash at most'],
  ])('refuses %j and names the part that is wrong, quoted', async (ref, said) => {
    const response = await cast(ref);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'validation_failed', message: expect.stringContaining(said) });
  });
});
