import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

/**
 * The last line of defence: a render error anywhere below shows a page that offers a way back
 * instead of unmounting the whole app into a blank screen.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('The page failed to render', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <main id="main" tabIndex={-1}>
        <section className="auth-card" role="alert" aria-labelledby="crash-title">
          <h1 id="crash-title">Something went wrong</h1>
          <p>This page could not be shown. Reload it, or start again from the home page.</p>
          <p className="meta">
            <code className="error-code">{error.message}</code>
          </p>
          <div className="actions">
            <button type="button" onClick={() => window.location.reload()}>
              Reload
            </button>
            <a className="button secondary" href="/">
              Go to the start page
            </a>
          </div>
        </section>
      </main>
    );
  }
}
