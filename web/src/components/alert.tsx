import type { ReactNode } from 'react';
import type { ApiError } from '../api/http';

/** A message that screen readers announce: `alert` for errors, `status` for the rest. */
export function Alert({ tone, title, children }: { tone: 'error' | 'warning' | 'info' | 'success'; title?: string; children?: ReactNode }) {
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title && <strong className="alert-title">{title}</strong>}
      {children && <div>{children}</div>}
    </div>
  );
}

const friendlyTitles: Record<string, string> = {
  unauthorized: 'Not signed in',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  validation_failed: 'Please check the form',
  conflict: 'Already exists',
  rate_limited: 'Too many requests',
  network_error: 'Offline',
  csrf_invalid: 'Session check failed',
};

/** An API error as a person reads it: a title, the server's message, and the fields it names. */
export function ErrorAlert({ error, title }: { error: ApiError | undefined; title?: string }) {
  if (!error) return null;
  const issues = Array.isArray(error.details.issues) ? (error.details.issues as { path?: string; message?: string }[]) : [];
  return (
    <Alert tone="error" title={title ?? (typeof error.details.check === 'string' ? 'The module was refused' : undefined) ?? friendlyTitles[error.code] ?? 'Something went wrong'}>
      <p>
        {error.message} <code className="error-code">{error.code}</code>
      </p>
      {issues.length > 0 && (
        <ul>
          {issues.map((issue, index) => (
            <li key={index}>
              {issue.path ? <code>{issue.path}</code> : null} {issue.message}
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}

/** A fixed-height placeholder so the page does not jump when the data arrives. */
export function Loading({ label = 'Loading…', height = '6rem' }: { label?: string; height?: string }) {
  return (
    <div className="loading" style={{ minHeight: height }} aria-busy="true">
      <span className="visually-hidden-focusable">{label}</span>
      <span aria-hidden="true" className="loading-bar" />
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}
