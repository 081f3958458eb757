import type { FormEvent } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { ErrorAlert } from '../components/alert';
import { TextField } from '../components/field';
import { useSession } from '../session';
import { useAction } from '../components/use-action';

const FALLBACK = '/playground';

const hasControlCharacter = (text: string) => [...text].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);

/**
 * Where to go after signing in: only a path of this app, never another origin. Browsers read `\`
 * as `/` (so `/\evil.example` is protocol-relative) and drop tabs and newlines, hence the checks
 * before the URL parser has the last word on the origin.
 */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\') || hasControlCharacter(next)) return FALLBACK;
  try {
    const url = new URL(next, window.location.origin);
    if (url.origin !== window.location.origin) return FALLBACK;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return FALLBACK;
  }
}

export function SignInPage() {
  const { me, refresh } = useSession();
  const [params] = useSearchParams();
  const { busy, error, run } = useAction();
  if (me) return <Navigate to={safeNext(params.get('next'))} replace />;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    await run(async () => {
      await api.login({ email: String(form.get('email')), password: String(form.get('password')) });
      await refresh();
    });
  };

  return (
    <section className="auth-card" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in</h1>
      <ErrorAlert error={error} title={error?.code === 'unauthorized' ? 'Wrong email or password' : undefined} />
      <form onSubmit={(event) => void submit(event)}>
        <TextField label="Email" name="email" type="email" autoComplete="email" required />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="divider">or</p>
      <a className="button secondary github" href="/auth/github">
        Sign in with GitHub
      </a>
      <p>
        New here? <Link to="/sign-up">Create an account</Link>. Have a license key? <Link to="/claim">Claim it</Link>.
      </p>
    </section>
  );
}
