import { createAdminToken } from '../../src/admin/tokens.js';
import type { App } from '../../src/app.js';
import type { Services } from '../../src/services.js';

export interface Operator {
  id: string;
  token: string;
  headers: { authorization: string };
}

/** An operator with a fresh admin token, as `spell admin token create` makes it. */
export async function createOperator(services: Services, name = 'test operator'): Promise<Operator> {
  const { id, token } = await createAdminToken(services.db, { name, now: services.clock.now() });
  return { id, token, headers: { authorization: `Bearer ${token}` } };
}

/** Issues `count` license keys through the admin API and returns them in clear. */
export async function issueKeys(app: App, operator: Operator, count = 1, memo = 'test batch'): Promise<{ id: string; key: string }[]> {
  const response = await app.inject({
    method: 'POST',
    url: '/v1/admin/license-keys',
    headers: operator.headers,
    payload: { count, memo },
  });
  if (response.statusCode !== 201) throw new Error(`issuing keys failed: ${response.statusCode} ${response.body}`);
  return response.json<{ keys: { id: string; key: string }[] }>().keys;
}

let claimants = 0;

/** A claim body for a new person; `overrides` replace any field. */
export function claimBody(licenseKey: string, overrides: Record<string, string> = {}): Record<string, string> {
  claimants += 1;
  return {
    email: `claimant-${process.pid}-${claimants}-${Math.random().toString(36).slice(2, 8)}@example.com`,
    password: 'correct horse battery staple',
    display_name: `Claimant ${claimants}`,
    tenant_name: `Claimant Co ${claimants}`,
    license_key: licenseKey,
    ...overrides,
  };
}
