import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, inPage, launchBrowser, PASSWORD, signUpInBrowser, uniqueEmail } from './browser.js';
import { startWebServer, type WebServer } from './web-server.js';

const echoModule = fileURLToPath(new URL('../../spells/examples/build/echo.wasm', import.meta.url));

/** Markup a hostile creator might put in a README: none of it may run or become an element. */
const HOSTILE_README = [
  '# Echo, loudly',
  '',
  'Gives back **what it is given**:',
  '',
  '- every key',
  '- every value',
  '',
  '<script>alert("script ran")</script>',
  '',
  '<img src="x" onerror="alert(\'img ran\')">',
  '',
  '<iframe src="https://example.com/"></iframe>',
  '',
  '[click me](javascript:alert("link ran")) and [docs](https://example.com/docs)',
].join('\n');

const INPUT_SCHEMA = {
  type: 'object',
  properties: {
    greeting: { type: 'string', description: 'What to say back' },
    times: { type: 'integer', description: 'How often' },
    loud: { type: 'boolean' },
    mood: { enum: ['calm', 'glad'] },
  },
  required: ['greeting', 'times'],
  additionalProperties: false,
};

interface Creator {
  handle: string;
  headers: Record<string, string>;
}

async function registerCreator(url: string): Promise<Creator> {
  const registered = await fetch(`${url}/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: uniqueEmail('quill'), password: PASSWORD }),
  });
  const { token } = (await registered.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}` };
  const me = (await (await fetch(`${url}/v1/me`, { headers })).json()) as { tenant: { handle: string } };
  return { handle: me.tenant.handle, headers };
}

/** Creates a spell with `settings` and the echo module as its version 1, through the API as the CLI would. */
async function publishEcho(url: string, creator: Creator, settings: Record<string, unknown> & { name: string }): Promise<void> {
  const created = await fetch(`${url}/v1/spells`, {
    method: 'POST',
    headers: { ...creator.headers, 'content-type': 'application/json' },
    body: JSON.stringify(settings),
  });
  expect(created.status).toBe(201);
  const uploaded = await fetch(`${url}/v1/spells/${settings.name}/versions`, {
    method: 'POST',
    headers: { ...creator.headers, 'content-type': 'application/wasm' },
    body: readFileSync(echoModule),
  });
  expect(uploaded.status).toBe(201);
}

let browser: Browser;
let web: WebServer;
let creator: Creator;
beforeAll(async () => {
  [browser, web] = await Promise.all([launchBrowser(), startWebServer()]);
  creator = await registerCreator(web.url);
  await publishEcho(web.url, creator, {
    name: 'loud-echo',
    visibility: 'public',
    description: 'Says your words back.',
    tags: ['text', 'toys'],
    readme: HOSTILE_README,
    input_schema: INPUT_SCHEMA,
  });
  await publishEcho(web.url, creator, { name: 'parrot', visibility: 'public', description: 'A xylophone-free echo.', tags: ['toys'] });
  await publishEcho(web.url, creator, { name: 'secret', visibility: 'private', description: 'Only for its owner.' });
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
});

describe.runIf(hasChromium())('browser: catalog, spell page and schema form', () => {
  it('searches by owner and by a description word, filters by tag and owner, and keeps it all in the address', async () => {
    await inPage(browser, web.url, 'web-catalog-search', async ({ page, problems }) => {
      await signUpInBrowser(page, uniqueEmail('reader'));
      await page.getByRole('link', { name: 'Spells', exact: true }).click();
      const entries = page.getByTestId('catalog-entry');
      const names = () => entries.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-spell')));

      await page.getByLabel('Search spells').fill(creator.handle);
      await page.waitForURL((url) => url.searchParams.get('q') === creator.handle);
      await entries.filter({ hasText: 'parrot' }).waitFor();
      // The owner's public spells, by owner/name; never the private one.
      expect((await names()).sort()).toEqual([`${creator.handle}/loud-echo`, `${creator.handle}/parrot`]);
      const echo = entries.filter({ hasText: 'loud-echo' });
      expect(await echo.getByRole('heading').textContent()).toBe(`${creator.handle}/loud-echo`);
      expect(await echo.textContent()).toContain('Says your words back.');
      expect(await echo.textContent()).toMatch(/default price · 0 casts · no finished casts yet · v1/);

      // A reload (or a shared link) shows the same search.
      await page.reload();
      expect(await page.getByLabel('Search spells').inputValue()).toBe(creator.handle);
      await entries.filter({ hasText: 'parrot' }).waitFor();

      await page.getByLabel('Search spells').fill('xylophone');
      await page.waitForURL((url) => url.searchParams.get('q') === 'xylophone');
      await expect.poll(names).toEqual([`${creator.handle}/parrot`]);

      // A tag filters, on top of the search; removing the search leaves the tag.
      await page.getByRole('link', { name: 'Spells tagged toys' }).click();
      await page.waitForURL((url) => url.searchParams.get('tag') === 'toys' && url.searchParams.get('q') === 'xylophone');
      await page.getByLabel('Search spells').fill('');
      await page.waitForURL((url) => !url.searchParams.has('q') && url.searchParams.get('tag') === 'toys');
      await expect.poll(async () => (await names()).sort()).toEqual([`${creator.handle}/loud-echo`, `${creator.handle}/parrot`]);

      // The owner link filters by owner; the chip takes the tag off again.
      await page.getByRole('link', { name: 'Remove filter: tagged #toys' }).click();
      await echo.getByRole('link', { name: `Spells by ${creator.handle}` }).click();
      await page.waitForURL((url) => url.searchParams.get('owner') === creator.handle && !url.searchParams.has('tag'));
      await page.getByLabel('Sort by').selectOption('new');
      await page.waitForURL((url) => url.searchParams.get('sort') === 'new');
      await expect.poll(names).toEqual([`${creator.handle}/parrot`, `${creator.handle}/loud-echo`]);

      await page.getByLabel('Search spells').fill('nothing-has-this-word');
      await page.getByText('No spell matches this search.').waitFor();
      expect(await entries.count()).toBe(0);
      expect(problems).toEqual([]);
    });
  });

  it('shows a spell’s page with its README rendered and its hostile markup inert, then casts it from the schema form', async () => {
    await inPage(browser, web.url, 'web-spell-page', async ({ page, problems }) => {
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await signUpInBrowser(page, uniqueEmail('caster'));
      await page.goto(`/spells?q=${creator.handle}`);
      await page.getByRole('link', { name: `${creator.handle}/loud-echo`, exact: true }).click();
      await page.getByRole('heading', { name: `${creator.handle}/loud-echo`, level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/spells/${creator.handle}/loud-echo`);

      const readme = page.getByTestId('readme');
      await readme.getByRole('heading', { name: 'Echo, loudly' }).waitFor();
      expect(await readme.getByRole('listitem').allTextContents()).toEqual(['every key', 'every value']);
      expect(await readme.locator('script, img, iframe, [onerror]').count()).toBe(0);
      // The markup shows as text (the iframe's bare address becomes a plain link), and the javascript: link is no link.
      expect(await readme.textContent()).toContain('<script>alert("script ran")</script>');
      expect(await readme.textContent()).toContain('<iframe src="https://example.com/"></iframe>');
      expect(await readme.getByRole('link').evaluateAll((links) => links.map((link) => [link.getAttribute('href'), link.getAttribute('rel'), link.getAttribute('target')]))).toEqual([
        ['https://example.com/', 'noopener noreferrer nofollow', '_blank'],
        ['https://example.com/docs', 'noopener noreferrer nofollow', '_blank'],
      ]);

      expect(await page.getByTestId('spell-price').textContent()).toBe('default price');
      expect(await page.getByTestId('spell-versions').textContent()).toContain(`${creator.handle}/loud-echo@1`);
      expect(await page.getByTestId('curl-example').textContent()).toContain(`"spell":"${creator.handle}/loud-echo"`);
      // Its input is one the spell's schema accepts (the stored schema keeps no key order).
      const curlBody = /-d '(.*)'/.exec((await page.getByTestId('curl-example').textContent()) ?? '')?.[1] ?? '';
      expect(JSON.parse(curlBody)).toMatchObject({ input: { greeting: 'example', times: 0, loud: false, mood: 'calm' } });
      expect(await page.getByRole('list', { name: 'Tags' }).textContent()).toBe('#text#toys');

      await page.getByRole('link', { name: 'Cast in the playground' }).click();
      await page.getByTestId('schema-form').waitFor();
      expect(await page.getByLabel('Spell', { exact: true }).inputValue()).toBe(`${creator.handle}/loud-echo`);
      // Required fields are marked; descriptions are the hints.
      await page.getByText('What to say back').waitFor();
      expect(await page.getByLabel('greeting', { exact: true }).getAttribute('aria-required')).toBe('true');
      expect(await page.getByLabel('mood', { exact: true }).getAttribute('aria-required')).toBeNull();

      // Required fields start with a value the schema accepts, so the form casts as it stands.
      expect(await page.getByLabel('greeting', { exact: true }).inputValue()).toBe('example');
      expect(await page.getByLabel('times', { exact: true }).inputValue()).toBe('0');
      await page.getByLabel('greeting', { exact: true }).fill('hello');
      await page.getByLabel('times', { exact: true }).fill('');
      await page.getByRole('button', { name: 'Cast', exact: true }).click();
      await page.getByText('Required.').waitFor();
      await page.getByLabel('times', { exact: true }).fill('2.5');
      await page.getByRole('button', { name: 'Cast', exact: true }).click();
      await page.getByText('Enter a whole number.').waitFor();
      await page.getByLabel('times', { exact: true }).fill('3');
      await page.getByLabel('loud', { exact: true }).check();
      await page.getByLabel('mood', { exact: true }).selectOption({ label: 'glad' });
      await page.getByRole('button', { name: 'Cast', exact: true }).click();
      const output = JSON.parse((await page.getByTestId('cast-output').textContent()) ?? '') as unknown;
      expect(output).toEqual({ greeting: 'hello', times: 3, loud: true, mood: 'glad' });

      // The JSON editor holds what the form held, and back.
      await page.getByRole('button', { name: 'JSON', exact: true }).click();
      expect(JSON.parse(await page.getByLabel('Input (JSON)').inputValue())).toEqual({ greeting: 'hello', times: 3, loud: true, mood: 'glad' });
      await page.getByLabel('Input (JSON)').fill('{"greeting": "hi", "times": 1, "extra": true}');
      await page.getByRole('button', { name: 'Form', exact: true }).click();
      await page.getByText('The form cannot hold this input').waitFor();
      await page.getByLabel('Input (JSON)').fill('{"greeting": "hi", "times": 1}');
      await page.getByRole('button', { name: 'Form', exact: true }).click();
      expect(await page.getByLabel('greeting', { exact: true }).inputValue()).toBe('hi');

      await page.getByRole('link', { name: 'My casts' }).click();
      await page.getByRole('row').filter({ hasText: `${creator.handle}/loud-echo@1` }).first().waitFor();
      expect(dialogs).toEqual([]);
      expect(problems).toEqual([]);
    });
  });

  it('answers another tenant’s private spell as not found, on its page and in the playground', async () => {
    await inPage(browser, web.url, 'web-spell-private', async ({ page }) => {
      await signUpInBrowser(page, uniqueEmail('snoop'));
      await page.goto(`/spells/${creator.handle}/secret`);
      await page.getByRole('alert').filter({ hasText: `No spell named ${creator.handle}/secret` }).waitFor();
      expect(await page.getByText('Only for its owner.').count()).toBe(0);
      await page.goto(`/playground?spell=${creator.handle}/secret`);
      await page.getByRole('alert').filter({ hasText: `No spell named ${creator.handle}/secret` }).waitFor();
      expect(await page.getByRole('button', { name: 'Cast', exact: true }).count()).toBe(0);
    });
  });

  it('lets a creator set tags, README (previewed) and input schema, which the spell page and playground then show', async () => {
    await inPage(browser, web.url, 'web-creator-settings', async ({ page, problems }) => {
      await signUpInBrowser(page, uniqueEmail('maker'));
      const name = `tidy-${Math.random().toString(16).slice(2, 8)}`;
      await page.getByRole('link', { name: 'Creator' }).click();
      await page.getByLabel('Name', { exact: true }).fill(name);
      await page.getByLabel('Tags').fill('text, Tidy');
      await page.getByLabel('Module (.wasm)').setInputFiles(echoModule);
      await page.getByRole('button', { name: 'Publish' }).click();
      const heading = page.getByRole('heading', { level: 1 });
      await page.getByText(/^v1 · /).waitFor();
      const fullName = (await heading.textContent()) ?? '';
      expect(fullName).toMatch(new RegExp(`^maker-[0-9a-f]+/${name}$`));
      expect(await page.getByLabel('Tags').inputValue()).toBe('text, tidy');

      await page.getByLabel('README (Markdown)').fill('## Usage\n\n- send `word`\n\n<b onmouseover="alert(1)">bold?</b>');
      await page.getByRole('button', { name: 'Preview the README' }).click();
      const preview = page.getByRole('region', { name: 'README preview' });
      await preview.getByRole('heading', { name: 'Usage' }).waitFor();
      expect(await preview.locator('b').count()).toBe(0);
      await page.getByLabel('Input schema (JSON Schema)').fill('{"type": "object", "properties": {"word": {"type": "string"}}, "required": ["word"]}');
      await page.getByLabel('Tags').fill('text, tidy, words');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('Settings saved.').waitFor();

      await page.getByRole('link', { name: 'Its page' }).click();
      await page.getByRole('heading', { name: fullName, level: 1 }).waitFor();
      await page.getByTestId('readme').getByRole('heading', { name: 'Usage' }).waitFor();
      expect(await page.getByTestId('readme').textContent()).toContain('<b onmouseover="alert(1)">bold?</b>');
      expect(await page.getByRole('list', { name: 'Tags' }).textContent()).toBe('#text#tidy#words');
      await page.getByRole('link', { name: 'Cast in the playground' }).click();
      await page.getByLabel('word', { exact: true }).fill('tidy');
      await page.getByRole('button', { name: 'Cast', exact: true }).click();
      expect(JSON.parse((await page.getByTestId('cast-output').textContent()) ?? '')).toEqual({ word: 'tidy' });
      expect(problems).toEqual([]);
    });
  });
});
