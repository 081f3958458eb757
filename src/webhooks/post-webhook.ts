import http from 'node:http';
import https from 'node:https';
import { guardedLookup, isPublicAddress, literalAddress, RefusedTarget } from './targets.js';

/** Bytes of a receiver's answer kept for the deliveries log. */
export const RESPONSE_EXCERPT_BYTES = 1024;

export interface PostOutcome {
  /** The receiver's status code; absent when no answer came (refused, unreachable, timed out). */
  statusCode?: number;
  responseExcerpt?: string;
  error?: string;
  durationMs: number;
  delivered: boolean;
}

/**
 * POSTs one delivery: to the address the guarded lookup validated (or a checked IP literal), no
 * redirects followed (a 3xx is a failure), one deadline for connect, send and answer, and at most
 * 1 KiB of the answer read. Never throws: every way it can go wrong is an outcome for the log.
 */
export function postWebhook(
  target: { url: string; body: string; headers: Record<string, string> },
  rules: { timeoutMs: number; allowPrivate: boolean },
): Promise<PostOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let url: URL;
  try {
    url = new URL(target.url);
  } catch {
    return Promise.resolve({ delivered: false, error: 'invalid URL', durationMs: elapsed() });
  }
  const literal = literalAddress(url.hostname);
  if (literal !== null && !rules.allowPrivate && !isPublicAddress(literal)) {
    return Promise.resolve({ delivered: false, error: new RefusedTarget(literal).message, durationMs: elapsed() });
  }
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<PostOutcome, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve({ ...outcome, durationMs: elapsed() });
    };
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, {
      method: 'POST',
      headers: { ...target.headers, 'content-length': Buffer.byteLength(target.body).toString() },
      lookup: guardedLookup(rules.allowPrivate),
      agent: false,
    });
    const deadline = setTimeout(() => {
      request.destroy();
      finish({ delivered: false, error: `timed out after ${rules.timeoutMs} ms` });
    }, rules.timeoutMs);
    request.on('error', (error) => finish({ delivered: false, error: error.message }));
    request.on('response', (response) => {
      const statusCode = response.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        const responseExcerpt = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8');
        const delivered = statusCode >= 200 && statusCode < 300;
        const redirect = statusCode >= 300 && statusCode < 400 ? `redirect not followed (${response.headers.location ?? 'no location'})` : undefined;
        finish({ delivered, statusCode, responseExcerpt, ...(redirect ? { error: redirect } : delivered ? {} : { error: `answered ${statusCode}` }) });
        response.destroy();
        request.destroy();
      };
      response.on('data', (chunk: Buffer) => {
        if (size >= RESPONSE_EXCERPT_BYTES) return;
        chunks.push(chunk);
        size += chunk.length;
        if (size >= RESPONSE_EXCERPT_BYTES) done();
      });
      response.on('end', done);
      response.on('error', done);
      response.on('close', done);
    });
    request.end(target.body);
  });
}
