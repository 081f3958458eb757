import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helpers/app.js';

let t: TestApp;
let port: number;
beforeAll(async () => {
  t = await buildTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});
afterAll(() => t.close());

/** Sends raw bytes to the listening server and reads its answer until it closes the connection. */
function exchange(request: string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]), headers: head, body });
    });
    socket.end(request);
  });
}

// Node refuses these before Fastify sees the request, so `app.inject` cannot reach them.
describe('http.client-errors', () => {
  it('answers headers past the size limit with 431 headers_too_large in the error shape', async () => {
    const cookie = 'a'.repeat(64 * 1024);
    const answer = await exchange(`GET /healthz HTTP/1.1\r\nHost: localhost\r\nCookie: big=${cookie}\r\n\r\n`);
    expect(answer.status).toBe(431);
    expect(answer.headers).toMatch(/content-type: application\/json/i);
    expect(JSON.parse(answer.body)).toEqual({ error: 'headers_too_large', message: expect.any(String) });
  });

  it('answers bytes that are not HTTP with 400 validation_failed in the error shape', async () => {
    const answer = await exchange('NOT HTTP AT ALL\r\n\r\n');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({ error: 'validation_failed', message: expect.any(String) });
  });

  it('keeps serving afterwards', async () => {
    const answer = await exchange('GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    expect(answer.status).toBe(200);
  });
});
