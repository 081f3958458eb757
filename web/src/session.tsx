import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { api, resetCsrf, SESSION_EXPIRED_EVENT } from './api/client';
import { ApiError } from './api/http';
import type { Me } from './api/types';
import { Loading } from './components/alert';

interface SessionState {
  me: Me | null;
  /** True until the first answer of GET /v1/me. */
  checking: boolean;
  refresh: () => Promise<Me | null>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

/** Who is signed in (through the session cookie), for every page of the web app. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(true);

  const refresh = useCallback(async () => {
    resetCsrf();
    try {
      const current = await api.me();
      setMe(current);
      return current;
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) throw error;
      setMe(null);
      return null;
    } finally {
      setChecking(false);
    }
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      resetCsrf();
      setMe(null);
    }
  }, []);

  useEffect(() => {
    refresh().catch(() => setChecking(false));
  }, [refresh]);

  // A 401 from any page: forget the user, so RequireSession sends them to sign in and back.
  useEffect(() => {
    const expire = () => {
      resetCsrf();
      setMe(null);
    };
    window.addEventListener(SESSION_EXPIRED_EVENT, expire);
    return () => window.removeEventListener(SESSION_EXPIRED_EVENT, expire);
  }, []);

  return <SessionContext.Provider value={{ me, checking, refresh, signOut }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** Pages behind sign-in: anonymous visitors go to /sign-in and come back afterwards. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { me, checking } = useSession();
  const location = useLocation();
  if (checking) return <Loading label="Checking your session…" height="12rem" />;
  if (!me) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <>{children}</>;
}
