import { readFileSync } from 'node:fs';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { idempotency } from './http/idempotency.js';
import { access } from './auth/access.js';
import { adminRoutes } from './admin/routes.js';
import { authRoutes } from './auth/routes.js';
import { githubRoutes } from './auth/github-routes.js';
import { createClientErrorHandler } from './http/client-errors.js';
import { registerErrorHandling, renderFrameworkError } from './http/error-handler.js';
import { refuseDeepJson } from './http/json-depth.js';
import { refuseNulBytes } from './http/nul-bytes.js';
import { registerOpenApi } from './http/openapi.js';
import { rateLimiting } from './http/rate-limit.js';
import { refuseWritesOnFullDisk } from './health/disk-guard.js';
import { healthRoutes } from './health/routes.js';
import { keyRoutes } from './keys/routes.js';
import { meRoutes } from './me/routes.js';
import { tenantAuditRoutes } from './me/audit-routes.js';
import { tenantRoutes } from './me/tenant-routes.js';
import { recordHttpMetrics } from './metrics/http-metrics.js';
import { budgetRoutes } from './budgets/routes.js';
import { castRoute } from './casts/routes.js';
import { billingRoutes } from './billing/routes.js';
import { stripeWebhookRoute } from './billing/webhook-routes.js';
import { payoutEventsOnAccountEndpoint } from './payouts/connect-events.js';
import { connectWebhookRoute } from './payouts/connect-webhook-routes.js';
import { payoutAccountRoutes } from './payouts/routes.js';
import { castHistoryRoutes } from './casts/history-routes.js';
import { asyncCastRoutes } from './casts/async-routes.js';
import { licenseClaimRoute } from './licenses/routes.js';
import { creatorEarningsRoutes } from './creators/earnings-routes.js';
import { creatorStatementRoutes } from './creators/statement-routes.js';
import { createSpellRoute } from './spells/create-routes.js';
import { spellRoutes } from './spells/routes.js';
import { uploadRoutes } from './spells/versions-routes.js';
import { spellStatsRoute } from './spells/stats-routes.js';
import { registerWebApp } from './web/static.js';
import { webhookRoutes } from './webhooks/routes.js';
import { tenantSecretRoutes } from './webhooks/tenant-secret-routes.js';
import type { Services } from './services.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export type App = FastifyInstance;

function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

/** Builds the HTTP app on top of `services` without listening; tests use `app.inject`. */
export async function buildApp(services: Services): Promise<App> {
  const { config } = services;
  const app = Fastify({
    loggerInstance: services.logger as FastifyBaseLogger,
    bodyLimit: config.bodyLimitBytes,
    // A hop count trusts that many proxies in front of us (the right-most X-Forwarded-For entries).
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    requestIdHeader: false,
    clientErrorHandler: createClientErrorHandler(services.logger as FastifyBaseLogger),
    frameworkErrors: renderFrameworkError,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  recordHttpMetrics(app, services.metrics);
  refuseNulBytes(app);
  refuseDeepJson(app);
  refuseWritesOnFullDisk(app, services);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: config.env === 'production',
  });
  await app.register(cookie, { secret: services.cookieSecret });
  await app.register(rateLimiting, { services });
  await app.register(access, { services });
  await app.register(idempotency, { services });
  await registerOpenApi(app, { version, publicUrl: config.publicUrl });

  await app.register(healthRoutes, { services });
  await app.register(authRoutes, { services });
  await app.register(githubRoutes, { services });
  await app.register(meRoutes, { services });
  await app.register(tenantRoutes, { services });
  await app.register(tenantAuditRoutes, { services });
  await app.register(keyRoutes, { services });
  await app.register(createSpellRoute, { services });
  await app.register(spellRoutes, { services });
  await app.register(uploadRoutes, { services });
  await app.register(spellStatsRoute, { services });
  await app.register(creatorEarningsRoutes, { services });
  await app.register(creatorStatementRoutes, { services });
  await app.register(budgetRoutes, { services });
  await app.register(castRoute, { services });
  await app.register(castHistoryRoutes, { services });
  await app.register(asyncCastRoutes, { services });
  await app.register(billingRoutes, { services });
  await app.register(stripeWebhookRoute, { services, otherEvents: payoutEventsOnAccountEndpoint(services.metrics) });
  await app.register(payoutAccountRoutes, { services });
  await app.register(connectWebhookRoute, { services });
  await app.register(licenseClaimRoute, { services });
  await app.register(webhookRoutes, { services });
  await app.register(tenantSecretRoutes, { services });
  await app.register(adminRoutes, { services });
  await registerWebApp(app, services);
  return app;
}
