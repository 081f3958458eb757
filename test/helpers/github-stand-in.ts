import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface GitHubUser {
  id: number;
  login: string;
  name: string | null;
  emails: { email: string; primary: boolean; verified: boolean }[];
}

/**
 * A local stand-in for GitHub's OAuth token endpoint and the `/user` and `/user/emails` APIs,
 * answering as GitHub does (JSON token responses, Bearer tokens, 401 otherwise).
 */
export interface GitHubStandIn {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Registers a one-time authorization code that GitHub would hand the browser for `user`. */
  issueCode(user: GitHubUser): string;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if ((request.headers['content-type'] ?? '').includes('json')) return JSON.parse(text) as Record<string, string>;
  return Object.fromEntries(new URLSearchParams(text));
}

export async function startGitHubStandIn(): Promise<GitHubStandIn> {
  const clientId = 'Iv1.test-client';
  const clientSecret = randomBytes(20).toString('hex');
  const codes = new Map<string, GitHubUser>();
  const tokens = new Map<string, GitHubUser>();

  const server: Server = createServer((request, response) => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (request.method === 'POST' && url.pathname === '/login/oauth/access_token') {
        const body = await readBody(request);
        if (body.client_id !== clientId || body.client_secret !== clientSecret) {
          return send(200, { error: 'incorrect_client_credentials' });
        }
        const user = codes.get(body.code ?? '');
        if (!user) return send(200, { error: 'bad_verification_code' });
        codes.delete(body.code ?? '');
        const token = `gho_${randomBytes(16).toString('hex')}`;
        tokens.set(token, user);
        return send(200, { access_token: token, token_type: 'bearer', scope: 'read:user,user:email' });
      }
      const user = tokens.get((request.headers.authorization ?? '').replace(/^Bearer /, ''));
      if (!user) return send(401, { message: 'Bad credentials' });
      if (request.method === 'GET' && url.pathname === '/user') {
        const primary = user.emails.find((entry) => entry.primary);
        return send(200, { id: user.id, login: user.login, name: user.name, email: primary?.email ?? null });
      }
      if (request.method === 'GET' && url.pathname === '/user/emails') return send(200, user.emails);
      return send(404, { message: 'Not Found' });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    clientId,
    clientSecret,
    issueCode(user) {
      const code = randomBytes(10).toString('hex');
      codes.set(code, user);
      return code;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
