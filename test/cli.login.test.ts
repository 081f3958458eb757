import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadClientConfig } from '../src/config.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { expectOneLineError, spell, tempConfigHome } from './helpers/cli.js';
import { createKey, signUp, type SignedUp } from './helpers/users.js';

let t: TestApp;
let url: string;
let owner: SignedUp;
let key: string;
/** Another server, which records what it is sent: the saved key must never reach it. */
let other: Server;
let otherUrl: string;
const otherSaw: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  t = await buildTestApp();
  url = (await t.app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
  owner = await signUp(t.app);
  key = (await createKey(t.app, owner)).key;
  other = createServer((request, response) => {
    otherSaw.push(request.headers);
    response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized","message":"Not here."}');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => other.close(resolve));
  await t.close();
});

const configFile = (home: string) => join(home, 'spell', 'config.json');
const mode = (path: string) => statSync(path).mode & 0o777;

describe('cli.login', () => {
  it('checks the key, then saves the URL and key readable by the owner only', async () => {
    const home = tempConfigHome();
    const login = await spell(['login', '--url', url], { env: { XDG_CONFIG_HOME: home }, stdin: `${key}\n` });
    expect(login.code).toBe(0);
    expect(login.stdout).toContain(`Logged in to ${url} as ${owner.email}`);
    expect(JSON.parse(readFileSync(configFile(home), 'utf8'))).toEqual({ url, api_key: key });
    expect(mode(configFile(home))).toBe(0o600);
    expect(mode(join(home, 'spell'))).toBe(0o700);

    // Later commands need neither SPELL_URL nor SPELL_API_KEY.
    const listed = await spell(['spells', '--json'], { env: { XDG_CONFIG_HOME: home } });
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual({ spells: [] });
  });

  it('prints who the key belongs to with --json', async () => {
    const home = tempConfigHome();
    const login = await spell(['login', '--url', url, '--key', key, '--json'], { env: { XDG_CONFIG_HOME: home } });
    expect(JSON.parse(login.stdout)).toMatchObject({ url, email: owner.email, tenant: { id: owner.user.tenant_id }, config_file: configFile(home) });
  });

  it('saves nothing when the server refuses the key, and keeps the login there was', async () => {
    const home = tempConfigHome();
    const refused = await spell(['login', '--url', url], { env: { XDG_CONFIG_HOME: home }, stdin: 'spell_000000000000_nope\n' });
    expect(refused.code).toBe(3);
    expectOneLineError(refused);
    expect(existsSync(configFile(home))).toBe(false);

    await spell(['login', '--url', url, '--key', key], { env: { XDG_CONFIG_HOME: home } });
    const before = readFileSync(configFile(home), 'utf8');
    expect((await spell(['login', '--url', url, '--key', 'spell_000000000000_nope'], { env: { XDG_CONFIG_HOME: home } })).code).toBe(3);
    expect(readFileSync(configFile(home), 'utf8')).toBe(before);

    const unreachable = await spell(['login', '--url', 'http://127.0.0.1:9', '--key', key], { env: { XDG_CONFIG_HOME: home } });
    expect(unreachable.code).toBe(4);
    expect(readFileSync(configFile(home), 'utf8')).toBe(before);
  });

  it('asks for a key when none is given', async () => {
    const run = await spell(['login', '--url', url], { env: { XDG_CONFIG_HOME: tempConfigHome() }, stdin: '' });
    expect(run.code).toBe(2);
    expect(expectOneLineError(run)).toContain('No API key given');
  });

  it('tightens a saved file others could read, and warns until then', async () => {
    const home = tempConfigHome();
    await spell(['login', '--url', url, '--key', key], { env: { XDG_CONFIG_HOME: home } });
    chmodSync(configFile(home), 0o644);
    const warned = await spell(['spells'], { env: { XDG_CONFIG_HOME: home } });
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain(`warning: ${configFile(home)} is readable by other users`);
    await spell(['login', '--url', url, '--key', key], { env: { XDG_CONFIG_HOME: home } });
    expect(mode(configFile(home))).toBe(0o600);
  });

  it('logs out by removing the file', async () => {
    const home = tempConfigHome();
    await spell(['login', '--url', url, '--key', key], { env: { XDG_CONFIG_HOME: home } });
    expect((await spell(['logout'], { env: { XDG_CONFIG_HOME: home } })).stdout).toContain('Logged out');
    expect(existsSync(configFile(home))).toBe(false);
    const after = await spell(['spells'], { env: { XDG_CONFIG_HOME: home } });
    expect(after.code).toBe(78);
    expect((await spell(['logout'], { env: { XDG_CONFIG_HOME: home } })).stdout).toBe('Not logged in.\n');
  });

  it('stops with one line on a config file that is not its own, and a new login replaces it', async () => {
    const home = tempConfigHome();
    mkdirSync(join(home, 'spell'), { recursive: true });
    writeFileSync(configFile(home), '{"url": ');
    const broken = await spell(['spells'], { env: { XDG_CONFIG_HOME: home } });
    expect(broken.code).toBe(78);
    expect(expectOneLineError(broken)).toContain('is not a spell config file');
    expect((await spell(['login', '--url', url, '--key', key], { env: { XDG_CONFIG_HOME: home } })).code).toBe(0);
    expect((await spell(['spells'], { env: { XDG_CONFIG_HOME: home } })).code).toBe(0);
  });
});

describe('cli.precedence', () => {
  it('lets --key beat SPELL_API_KEY, which beats the saved key', async () => {
    const home = tempConfigHome();
    await spell(['login', '--url', url, '--key', key], { env: { XDG_CONFIG_HOME: home } });
    const envWins = await spell(['spells'], { env: { XDG_CONFIG_HOME: home, SPELL_API_KEY: 'spell_000000000000_nope' } });
    expect(envWins.code).toBe(3);
    const flagWins = await spell(['spells', '--key', key], { env: { XDG_CONFIG_HOME: home, SPELL_API_KEY: 'spell_000000000000_nope' } });
    expect(flagWins.code).toBe(0);
  });

  it('lets SPELL_URL and --url beat the saved URL, and never sends the saved key to another server', async () => {
    const home = tempConfigHome();
    await spell(['login', '--url', url, '--key', key], { env: { XDG_CONFIG_HOME: home } });
    for (const run of [
      await spell(['spells'], { env: { XDG_CONFIG_HOME: home, SPELL_URL: otherUrl } }),
      await spell(['spells', '--url', otherUrl], { env: { XDG_CONFIG_HOME: home } }),
    ]) {
      expect(run.code).toBe(78);
      expect(expectOneLineError(run)).toContain(`No API key for ${otherUrl}: run \`spell login --url ${otherUrl}\``);
    }
    expect(otherSaw).toEqual([]);

    // With a key of its own, the other server is asked (and here refuses it).
    const explicit = await spell(['spells'], { env: { XDG_CONFIG_HOME: home, SPELL_URL: otherUrl, SPELL_API_KEY: 'spell_other' } });
    expect(explicit.code).toBe(3);
    expect(otherSaw.map((headers) => headers.authorization)).toEqual(['Bearer spell_other']);
  });

  it('finds the config file under XDG_CONFIG_HOME, or the platform’s usual place', () => {
    expect(loadClientConfig({ XDG_CONFIG_HOME: '/srv/conf' }).configFile).toBe(join('/srv/conf', 'spell', 'config.json'));
    const fallback = loadClientConfig({ XDG_CONFIG_HOME: 'relative/ignored', HOME: '/home/ada', APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }).configFile;
    const expected = { win32: join('C:\\Users\\ada\\AppData\\Roaming', 'spell', 'config.json'), darwin: '/home/ada/Library/Application Support/spell/config.json' } as Record<string, string>;
    expect(fallback).toBe(expected[process.platform] ?? '/home/ada/.config/spell/config.json');
  });

  it('refuses a malformed SPELL_URL as configuration', async () => {
    const run = await spell(['spells'], { env: { SPELL_URL: 'ftp://nope', SPELL_API_KEY: key } });
    expect(run.code).toBe(78);
    expect(expectOneLineError(run)).toContain('SPELL_URL must be a URL');
  });
});
