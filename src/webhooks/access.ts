import { authOf } from '../auth/access.js';
import type { AuthContext } from '../auth/sessions.js';
import { AppError } from '../errors.js';

/** Only the account owner manages webhooks (they carry the tenant's data to another system). */
export function owner(auth: AuthContext | null): AuthContext {
  const caller = authOf(auth);
  if (caller.user.role !== 'owner') throw new AppError('forbidden', 'Only the account owner can manage webhooks.');
  return caller;
}
