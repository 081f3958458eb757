import type { FormEvent } from 'react';
import { ErrorAlert } from '../components/alert';
import { SelectField, TextField } from '../components/field';
import { adminApi, type TenantStatus } from './admin-api';
import { useAction } from '../components/use-action';

export function StatusForm({ tenantId, current, onChanged }: { tenantId: string; current: TenantStatus; onChanged: (message: string) => void }) {
  const { busy, error, run } = useAction();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const status = String(form.get('status')) as TenantStatus;
    if (status === 'suspended' && !window.confirm('Suspend this tenant? Its users can no longer cast.')) return;
    await run(async () => {
      await adminApi.setStatus(tenantId, status, String(form.get('reason') ?? '').trim());
      onChanged(`Status set to ${status}.`);
    });
  };

  return (
    <form className="card" onSubmit={(event) => void submit(event)} aria-labelledby="status-title">
      <h2 id="status-title">Change status</h2>
      <ErrorAlert error={error} />
      <SelectField label="New status" name="status" defaultValue={current}>
        <option value="active">Active</option>
        <option value="grace">Grace</option>
        <option value="suspended">Suspended</option>
      </SelectField>
      <TextField label="Reason" name="reason" required maxLength={500} placeholder="Paid by bank transfer" />
      <button type="submit" disabled={busy}>
        {busy ? 'Saving…' : 'Change status'}
      </button>
    </form>
  );
}

export function GrantForm({ tenantId, onGranted }: { tenantId: string; onGranted: (message: string) => void }) {
  const { busy, error, run } = useAction();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const plan = form.get('plan_code') === 'LIFETIME' ? 'LIFETIME' : 'PRO';
    const until = String(form.get('valid_until') ?? '');
    const reason = String(form.get('reason') ?? '').trim();
    await run(async () => {
      await adminApi.grant(tenantId, {
        plan_code: plan,
        ...(until && { valid_until: new Date(`${until}T23:59:59`).toISOString() }),
        ...(reason && { reason }),
      });
      formElement.reset();
      onGranted(`${plan} entitlement granted.`);
    });
  };

  return (
    <form className="card" onSubmit={(event) => void submit(event)} aria-labelledby="grant-title">
      <h2 id="grant-title">Grant an entitlement</h2>
      <ErrorAlert error={error} />
      <SelectField label="Plan" name="plan_code" defaultValue="PRO">
        <option value="PRO">PRO</option>
        <option value="LIFETIME">LIFETIME</option>
      </SelectField>
      <TextField label="Valid until (optional)" name="valid_until" type="date" hint="Empty: no end date." />
      <TextField label="Reason (optional)" name="reason" maxLength={500} />
      <button type="submit" disabled={busy}>
        {busy ? 'Granting…' : 'Grant'}
      </button>
    </form>
  );
}
