import { BlockList, isIPv4 } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseAddressRange } from '../config.js';
import { AppError } from '../errors.js';
import type { Services } from '../services.js';
import { createAccessVerifier } from './cloudflare-access.js';
import { verifyAdminToken, type AdminIdentity } from './tokens.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The operator on an admin route (set by the admin guard), else `null`. */
    admin: AdminIdentity | null;
  }
}

function buildAllowlist(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const range = parseAddressRange(entry);
    if (range) list.addSubnet(range.address, range.prefix, range.family);
  }
  return list;
}

/** `::ffff:10.1.2.3` (IPv4 on a dual-stack socket) is checked as `10.1.2.3`. */
function isAllowed(list: BlockList, ip: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  const address = mapped ?? ip;
  return list.check(address, isIPv4(address) ? 'ipv4' : 'ipv6');
}

/**
 * The admin API's own door, separate from consumers': the optional IP allow-list, then the
 * optional Cloudflare Access JWT, then an admin token as `Authorization: Bearer`. Consumer
 * sessions and API keys are never looked at. Every refusal costs the caller's IP quota.
 * Register it inside the scope that holds the admin routes.
 */
export function guardAdminRoutes(app: FastifyInstance, services: Services): void {
  const { config } = services;
  const allowlist = config.admin.ipAllowlist ? buildAllowlist(config.admin.ipAllowlist) : undefined;
  const verifyAccess = config.admin.cloudflareAccess ? createAccessVerifier(config.admin.cloudflareAccess) : undefined;

  const refuse = async (request: FastifyRequest, reply: FastifyReply, error: AppError): Promise<never> => {
    await app.enforceRateLimit(request, reply);
    throw error;
  };

  app.decorateRequest('admin', null);
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, auth: 'admin', limit: 'manual' };
    route.schema = { ...route.schema, security: [{ adminToken: [] }] };
  });
  app.addHook('onRequest', async (request, reply) => {
    if (allowlist && !isAllowed(allowlist, request.ip)) {
      await refuse(request, reply, new AppError('forbidden', 'The admin API is not reachable from this address.'));
    }
    if (verifyAccess) {
      const header = request.headers['cf-access-jwt-assertion'];
      const verdict = await verifyAccess(typeof header === 'string' ? header : undefined);
      if (!verdict.ok) {
        await refuse(request, reply, new AppError('unauthorized', 'A valid Cloudflare Access token (Cf-Access-Jwt-Assertion) is required.'));
      }
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    const admin = match?.[1] ? await verifyAdminToken(services.db, match[1], services.clock.now()) : null;
    if (!admin) await refuse(request, reply, new AppError('unauthorized', 'Send an admin token as a Bearer token.'));
    request.admin = admin;
  });
}

/** The operator on an admin route; the guard has already refused anyone else. */
export function adminOf(request: FastifyRequest): AdminIdentity {
  if (request.admin === null) throw new AppError('unauthorized', 'Send an admin token as a Bearer token.');
  return request.admin;
}
