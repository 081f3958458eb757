import type { FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/client';
import { ErrorAlert } from '../components/alert';
import { TextField } from '../components/field';
import { useSession } from '../session';
import { useAction } from '../components/use-action';

/** Redeems a license key: LIFETIME for a new account, or for an existing one given its password. */
export function ClaimPage() {
  const { refresh } = useSession();
  const navigate = useNavigate();
  const { busy, error, run } = useAction();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    await run(async () => {
      await api.claimLicense({
        license_key: text('license_key'),
        email: text('email'),
        password: String(form.get('password') ?? ''),
        // Optional: a new tenant is named after the email when they are left empty.
        ...(text('display_name') && { display_name: text('display_name') }),
        ...(text('tenant_name') && { tenant_name: text('tenant_name') }),
      });
      await refresh();
      navigate('/billing?claimed=1');
    });
  };

  const title =
    error?.code === 'invalid_license_key'
      ? 'This license key cannot be claimed'
      : error?.code === 'conflict'
        ? 'This account already has the Lifetime plan'
        : undefined;
  return (
    <section className="auth-card" aria-labelledby="claim-title">
      <h1 id="claim-title">Claim a license key</h1>
      <p>
        A license key gives a new account the Lifetime plan. Already have an account? Enter its email and password to move
        it to Lifetime.
      </p>
      <ErrorAlert error={error} title={title} />
      <form onSubmit={(event) => void submit(event)}>
        <TextField
          label="License key"
          name="license_key"
          required
          autoComplete="off"
          spellCheck={false}
          placeholder="SPELL-XXXXXXXX-XXXXXXXX-XXXXXXXX-XXXX"
        />
        <TextField label="Email" name="email" type="email" autoComplete="email" required />
        <TextField label="Your name (optional)" name="display_name" autoComplete="name" maxLength={100} />
        <TextField label="Team or company name (optional)" name="tenant_name" autoComplete="organization" maxLength={100} />
        <TextField label="Password" name="password" type="password" autoComplete="new-password" minLength={8} required />
        <button type="submit" disabled={busy}>
          {busy ? 'Claiming…' : 'Claim and create account'}
        </button>
      </form>
      <p>
        Already have an account? <Link to="/sign-in">Sign in</Link>.
      </p>
    </section>
  );
}
