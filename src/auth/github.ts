import { z } from 'zod';
import type { Config } from '../config.js';

type GitHubConfig = NonNullable<Config['github']>;

/** The GitHub identity we sign in: only a verified email is ever trusted for linking. */
export interface GitHubIdentity {
  id: number;
  login: string;
  name: string | null;
  verifiedEmail: string | null;
}

export type GitHubResult = { ok: true; identity: GitHubIdentity } | { ok: false; reason: string };

const tokenResponse = z.object({ access_token: z.string().optional(), error: z.string().optional() });
const userResponse = z.object({
  id: z.number().int(),
  login: z.string(),
  name: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
});
const emailsResponse = z.array(z.object({ email: z.string(), primary: z.boolean(), verified: z.boolean() }));

export function githubAuthorizeUrl(github: GitHubConfig, options: { state: string; redirectUri: string }): string {
  const url = new URL(`${github.oauthBaseUrl}/login/oauth/authorize`);
  url.searchParams.set('client_id', github.clientId);
  url.searchParams.set('redirect_uri', options.redirectUri);
  url.searchParams.set('scope', 'read:user user:email');
  url.searchParams.set('state', options.state);
  url.searchParams.set('allow_signup', 'true');
  return url.toString();
}

async function fetchJson(url: string, init: RequestInit): Promise<unknown> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`GitHub answered ${response.status} for ${new URL(url).pathname}`);
  return response.json();
}

/** Exchanges an OAuth code for the GitHub user behind it (`/user` and, for the email, `/user/emails`). */
export async function fetchGitHubIdentity(
  github: GitHubConfig,
  options: { code: string; redirectUri: string },
): Promise<GitHubResult> {
  const token = tokenResponse.parse(
    await fetchJson(`${github.oauthBaseUrl}/login/oauth/access_token`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: github.clientId,
        client_secret: github.clientSecret,
        code: options.code,
        redirect_uri: options.redirectUri,
      }),
    }),
  );
  if (!token.access_token) return { ok: false, reason: token.error ?? 'no access token' };
  const headers = {
    accept: 'application/vnd.github+json',
    authorization: `Bearer ${token.access_token}`,
    'user-agent': 'spell-platform',
    'x-github-api-version': '2022-11-28',
  };
  const user = userResponse.parse(await fetchJson(`${github.apiBaseUrl}/user`, { headers }));
  const emails = emailsResponse.parse(await fetchJson(`${github.apiBaseUrl}/user/emails`, { headers }));
  const primary = emails.find((entry) => entry.primary && entry.verified) ?? emails.find((entry) => entry.verified);
  return {
    ok: true,
    identity: { id: user.id, login: user.login, name: user.name ?? null, verifiedEmail: primary?.email ?? null },
  };
}
