import { useState, type FormEvent } from 'react';
import type { ApiError } from '../api/http';
import { ErrorAlert } from '../components/alert';
import { SelectField, TextField } from '../components/field';
import { toApiError } from '../components/use-load';
import { adminApi, type TenantStatus } from './admin-api';

export function StatusForm({ tenantId, current, onChanged }: { tenantId: string; current: TenantStatus; onChanged: (message: string) => void }) {
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const status = String(form.get('status')) as TenantStatus;
    if (status === 'suspended' && !window.confirm('Suspend this tenant? Its users can no longer cast.')) return;
    setBusy(true);
    setError(undefined);
    try {
      await adminApi.setStatus(tenantId, status, String(form.get('reason') ?? '').trim());
      onChanged(`Status set to ${status}.`);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
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
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const plan = form.get('plan_code') === 'LIFETIME' ? 'LIFETIME' : 'PRO';
    const until = String(form.get('valid_until') ?? '');
    const reason = String(form.get('reason') ?? '').trim();
    setBusy(true);
    setError(undefined);
    try {
      await adminApi.grant(tenantId, {
        plan_code: plan,
        ...(until && { valid_until: new Date(`${until}T23:59:59`).toISOString() }),
        ...(reason && { reason }),
      });
      formElement.reset();
      onGranted(`${plan} entitlement granted.`);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
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
