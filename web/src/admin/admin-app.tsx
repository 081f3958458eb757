import { useEffect, useState, type FormEvent } from 'react';
import { Link, Navigate, Route, Routes } from 'react-router';
import { ErrorAlert } from '../components/alert';
import { TextField } from '../components/field';
import { TopBar } from '../components/top-bar';
import { adminApi, adminToken } from './admin-api';
import { AuditLogPage } from './audit-log';
import { CreatorsPage } from './creators';
import { PayoutsPage } from './payouts';
import { LicenseKeysPage } from './license-keys';
import { SpellsPage } from './spells';
import { TenantDetailPage } from './tenant-detail';
import { TenantsPage } from './tenants';
import { useAction } from '../components/use-action';

const adminLinks = [
  ['/admin/license-keys', 'License keys'],
  ['/admin/tenants', 'Tenants'],
  ['/admin/spells', 'Spells'],
  ['/admin/creators', 'Creators'],
  ['/admin/payouts', 'Payouts'],
  ['/admin/audit-log', 'Audit log'],
] as const;

/** The operators' console under /admin: its own sign-in with an admin token, its own pages. */
export function AdminApp() {
  const [signedIn, setSignedIn] = useState(() => adminToken.read() !== null);
  const [name, setName] = useState<string>();

  useEffect(() => {
    document.title = 'Admin · Spell Platform';
    const signOut = () => setSignedIn(false);
    window.addEventListener('spell-admin-signed-out', signOut);
    return () => window.removeEventListener('spell-admin-signed-out', signOut);
  }, []);

  useEffect(() => {
    const token = adminToken.read();
    if (!signedIn || !token) return;
    adminApi
      .session(token)
      .then((answer) => setName(answer.admin.name))
      .catch(() => {
        adminToken.clear();
        setSignedIn(false);
      });
  }, [signedIn]);

  if (!signedIn) return <AdminSignIn onSignedIn={() => setSignedIn(true)} />;
  return (
    <div className="admin">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <TopBar
        home="/admin"
        brand="✦ Spell Admin"
        label="Admin"
        className="admin-bar"
        links={adminLinks}
        account={
          <>
            <span className="account-email">{name ?? ' '}</span>
            <button
              type="button"
              className="link-button"
              onClick={() => {
                adminToken.clear();
                setSignedIn(false);
              }}
            >
              Sign out
            </button>
          </>
        }
      />
      <main id="main" tabIndex={-1}>
        <Routes>
          <Route index element={<Navigate to="/admin/license-keys" replace />} />
          <Route path="license-keys" element={<LicenseKeysPage />} />
          <Route path="tenants" element={<TenantsPage />} />
          <Route path="tenants/:id" element={<TenantDetailPage />} />
          <Route path="spells" element={<SpellsPage />} />
          <Route path="creators" element={<CreatorsPage />} />
          <Route path="payouts" element={<PayoutsPage />} />
          <Route path="audit-log" element={<AuditLogPage />} />
          <Route path="*" element={<p>No such console page. <Link to="/admin">Back to the console</Link>.</p>} />
        </Routes>
      </main>
    </div>
  );
}

function AdminSignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const { busy, error, run } = useAction();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const token = String(new FormData(event.currentTarget).get('token') ?? '').trim();
    await run(async () => {
      await adminApi.session(token);
      adminToken.save(token);
      onSignedIn();
    });
  };

  return (
    <main id="main" className="admin">
      <section className="auth-card" aria-labelledby="admin-sign-in-title">
        <h1 id="admin-sign-in-title">Admin console</h1>
        <p>Sign in with an operator’s admin token (<code>spell admin token create --name you</code>). A consumer account cannot open the console.</p>
        <ErrorAlert error={error} title={error?.status === 401 ? 'This admin token is not valid' : undefined} />
        <form onSubmit={(event) => void submit(event)}>
          <TextField label="Admin token" name="token" type="password" autoComplete="off" required placeholder="spa_admin_…" />
          <button type="submit" disabled={busy}>
            {busy ? 'Checking…' : 'Sign in'}
          </button>
        </form>
      </section>
    </main>
  );
}
