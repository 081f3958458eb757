import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a receiver got, and what it answered. */
export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/**
 * A local HTTP server standing in for a tenant's own system. Paths choose its behaviour:
 * `/ok` answers 200, `/flaky` fails each event's first three attempts (500) then answers 200 (`/twice`: two),
 * `/down` always answers 500, `/redirect` answers 302 to `/redirected`.
 */
export async function startReceiver(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const attemptsByEvent = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const eventId = String(request.headers['spell-event-id'] ?? '');
      const seen = (attemptsByEvent.get(`${path}:${eventId}`) ?? 0) + 1;
      attemptsByEvent.set(`${path}:${eventId}`, seen);
      let status = 200;
      if (path === '/down' || (path === '/flaky' && seen <= 3) || (path === '/twice' && seen <= 2)) status = 500;
      if (path === '/redirect') {
        status = 302;
        response.setHeader('location', '/redirected');
      }
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      response.statusCode = status;
      response.end(status === 200 ? `thanks for ${eventId}` : 'x'.repeat(4_000));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Verifies a `Spell-Signature` header as the README documents it: HMAC-SHA256 of `<t>.<raw body>`
 * with the endpoint's secret, compared in constant time with each `v1=`.
 */
export function verifySignature(header: string, body: string, secret: string): boolean {
  const parts = header.split(',').map((part) => part.split('=') as [string, string]);
  const t = parts.find(([key]) => key === 't')?.[1];
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return parts.some(([key, value]) => key === 'v1' && timingSafeEqual(Buffer.from(value, 'hex'), expected));
}
