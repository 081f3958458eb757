import { useState, type FormEvent } from 'react';
import { Link, Navigate } from 'react-router';
import { api } from '../api/client';
import { ErrorAlert } from '../components/alert';
import { TextField } from '../components/field';
import { useSession } from '../session';
import { useAction } from '../components/use-action';

export function SignUpPage() {
  const { me, refresh } = useSession();
  const { busy, error, run } = useAction();
  // A new account starts with its first API key; someone already signed in goes to the playground.
  const [next, setNext] = useState('/playground');
  if (me) return <Navigate to={next} replace />;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const displayName = String(form.get('display_name') ?? '').trim();
    await run(async () => {
      await api.register({
        email: String(form.get('email')),
        password: String(form.get('password')),
        ...(displayName && { display_name: displayName }),
      });
      setNext('/keys');
      await refresh();
    });
  };

  return (
    <section className="auth-card" aria-labelledby="sign-up-title">
      <h1 id="sign-up-title">Create your account</h1>
      <ErrorAlert error={error} />
      <form onSubmit={(event) => void submit(event)}>
        <TextField label="Email" name="email" type="email" autoComplete="email" required />
        <TextField label="Name (optional)" name="display_name" autoComplete="name" maxLength={100} />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={8}
          required
          hint="At least 8 characters; a passphrase is best."
        />
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create account'}
        </button>
      </form>
      <p className="divider">or</p>
      <a className="button secondary github" href="/auth/github">
        Sign in with GitHub
      </a>
      <p>
        Already have an account? <Link to="/sign-in">Sign in</Link>.
      </p>
    </section>
  );
}
