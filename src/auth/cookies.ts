import type { CookieSerializeOptions } from '@fastify/cookie';
import type { Config } from '../config.js';

export const SESSION_COOKIE = 'spell_session';
export const CSRF_COOKIE = 'spell_csrf';
export const OAUTH_STATE_COOKIE = 'spell_oauth_state';

/** HttpOnly and SameSite always; Secure whenever the service is served over HTTPS or in production. */
export function cookieOptions(config: Config, extra: CookieSerializeOptions = {}): CookieSerializeOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.env === 'production' || config.publicUrl.startsWith('https:'),
    path: '/',
    ...extra,
  };
}
