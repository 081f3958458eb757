import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../session';
import { formatDay } from './format';
import { TopBar } from './top-bar';

const links = [
  ['/spells', 'Spells'],
  ['/playground', 'Playground'],
  ['/casts', 'My casts'],
  ['/keys', 'API keys'],
  ['/webhooks', 'Webhooks'],
  ['/budgets', 'Budgets'],
  ['/billing', 'Billing'],
  ['/creator', 'Creator'],
] as const;

/** The web app's frame: a skip link, the header with the navigation, the account status banner, the page. */
export function Layout({ children }: { children: ReactNode }) {
  const { me, signOut } = useSession();
  const navigate = useNavigate();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <TopBar
        home="/"
        brand="✦ Spell Platform"
        label="Main"
        links={me ? links : []}
        status={me && <span className={`badge plan-${me.plan.toLowerCase()}`}>{me.plan}</span>}
        account={
          me && (
            <>
              <Link to="/account" className="account-email" data-testid="account-link">
                <span className="account-handle">{me.tenant.handle}</span> · {me.user.email}
              </Link>
              <button type="button" className="link-button" onClick={() => void signOut().then(() => navigate('/sign-in'))}>
                Sign out
              </button>
            </>
          )
        }
      />
      {me?.status === 'grace' && (
        <div className="banner banner-warning" role="status">
          A payment failed. Your account is in its grace period until <strong>{formatDay(me.grace_until)}</strong>;{' '}
          <Link to="/billing">update your payment method</Link> to keep casting after that.
        </div>
      )}
      {me?.status === 'suspended' && (
        <div className="banner banner-error" role="alert">
          This account is suspended: casting is paused. <Link to="/billing">See billing</Link>.
        </div>
      )}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="page-header">
      <h1>{title}</h1>
      {children && <div className="page-header-extra">{children}</div>}
    </div>
  );
}
