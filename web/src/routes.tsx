import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Loading } from './components/alert';
import { Layout } from './components/layout';
import { AccountPage } from './pages/account';
import { BillingPage } from './pages/billing';
import { BudgetsPage } from './pages/budgets';
import { CastDetailPage } from './pages/cast-detail';
import { CastsPage } from './pages/casts';
import { ClaimPage } from './pages/claim';
import { CreatorPage } from './pages/creator';
import { CreatorSpellPage } from './pages/creator-spell';
import { KeysPage } from './pages/keys';
import { PlaygroundPage } from './pages/playground';
import { SignInPage } from './pages/sign-in';
import { SignUpPage } from './pages/sign-up';
import { SpellPage } from './pages/spell';
import { SpellsPage } from './pages/spells';
import { WebhooksPage } from './pages/webhooks';
import { RequireSession, SessionProvider, useSession } from './session';

// The console is its own chunk: consumers never download it.
const AdminApp = lazy(() => import('./admin/admin-app').then((module) => ({ default: module.AdminApp })));

const titles: Record<string, string> = {
  '/sign-in': 'Sign in',
  '/sign-up': 'Create an account',
  '/claim': 'Claim a license key',
  '/keys': 'API keys',
  '/webhooks': 'Webhooks',
  '/spells': 'Spells',
  '/playground': 'Playground',
  '/casts': 'My casts',
  '/budgets': 'Budgets',
  '/billing': 'Billing',
  '/creator': 'Creator',
  '/account': 'Account',
};

function titleFor(pathname: string): string {
  if (/^\/casts\/[^/]+$/.test(pathname)) return 'Cast · My casts';
  const fullName = /^\/spells\/([^/]+\/[^/]+)$/.exec(pathname)?.[1];
  if (fullName) {
    try {
      return decodeURIComponent(fullName);
    } catch {
      return 'Spells';
    }
  }
  const spell = /^\/creator\/([^/]+)$/.exec(pathname)?.[1];
  if (spell) {
    try {
      return `${decodeURIComponent(spell)} · Creator`;
    } catch {
      return 'Creator';
    }
  }
  return titles[pathname] ?? 'Spell Platform';
}

/**
 * Names each page in the tab and, after an in-app navigation, moves focus to the new page so a
 * screen reader starts there; the first load keeps the browser's own focus (the skip link first).
 */
function PageFocus() {
  const { pathname } = useLocation();
  const shown = useRef(pathname);
  useEffect(() => {
    document.title = `${titleFor(pathname)} · Spell Platform`;
    if (shown.current !== pathname) document.getElementById('main')?.focus({ preventScroll: true });
    shown.current = pathname;
  }, [pathname]);
  return null;
}

const guarded = (page: ReactNode) => <RequireSession>{page}</RequireSession>;

function Home() {
  const { me, checking } = useSession();
  if (checking) return <Loading height="12rem" />;
  return <Navigate to={me ? '/playground' : '/sign-in'} replace />;
}

function WebApp() {
  return (
    <SessionProvider>
      <Layout>
        <PageFocus />
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/sign-in" element={<SignInPage />} />
          <Route path="/sign-up" element={<SignUpPage />} />
          <Route path="/claim" element={<ClaimPage />} />
          <Route path="/keys" element={guarded(<KeysPage />)} />
          <Route path="/webhooks" element={guarded(<WebhooksPage />)} />
          <Route path="/spells" element={guarded(<SpellsPage />)} />
          <Route path="/spells/:owner/:name" element={guarded(<SpellPage />)} />
          <Route path="/playground" element={guarded(<PlaygroundPage />)} />
          <Route path="/casts" element={guarded(<CastsPage />)} />
          <Route path="/casts/:id" element={guarded(<CastDetailPage />)} />
          <Route path="/budgets" element={guarded(<BudgetsPage />)} />
          <Route path="/billing" element={guarded(<BillingPage />)} />
          <Route path="/creator" element={guarded(<CreatorPage />)} />
          <Route path="/creator/:name" element={guarded(<CreatorSpellPage />)} />
          <Route path="/account" element={guarded(<AccountPage />)} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Layout>
    </SessionProvider>
  );
}

function NotFound() {
  return (
    <section>
      <h1>Page not found</h1>
      <p>There is nothing at this address. <a href="/">Go to the start page</a>.</p>
    </section>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route
        path="/admin/*"
        element={
          <Suspense fallback={<Loading height="12rem" />}>
            <AdminApp />
          </Suspense>
        }
      />
      <Route path="/*" element={<WebApp />} />
    </Routes>
  );
}
