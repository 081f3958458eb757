import { createRemoteJWKSet, jwtVerify } from 'jose';

export type AccessVerdict = { ok: true; email: string | undefined } | { ok: false; reason: string };

/**
 * Verifies the `Cf-Access-Jwt-Assertion` header Cloudflare Access puts on every request it lets
 * through: signed by one of the team's keys (fetched from `<team>/cdn-cgi/access/certs` and
 * cached by `jose`), issued by the team domain, for this application's policy audience, unexpired.
 * A token without `exp` would be good forever, so `exp` is required.
 */
export function createAccessVerifier(options: { teamDomain: string; audience: string }) {
  const keys = createRemoteJWKSet(new URL(`${options.teamDomain}/cdn-cgi/access/certs`), {
    cacheMaxAge: 10 * 60_000,
    cooldownDuration: 30_000,
  });
  return async function verifyAccessToken(assertion: string | undefined): Promise<AccessVerdict> {
    if (!assertion) return { ok: false, reason: 'missing' };
    try {
      const { payload } = await jwtVerify(assertion, keys, {
        issuer: options.teamDomain,
        audience: options.audience,
        algorithms: ['RS256', 'ES256'],
        clockTolerance: 30,
        requiredClaims: ['exp'],
      });
      return { ok: true, email: typeof payload.email === 'string' ? payload.email : undefined };
    } catch (error) {
      return { ok: false, reason: (error as Error).name };
    }
  };
}
