import { useMemo } from 'react';
import { renderMarkdown } from './render-markdown';

/**
 * A spell's README, rendered. The HTML comes from renderMarkdown alone, which escapes raw HTML
 * and keeps only safe links, so it is the one place the app sets HTML directly.
 */
export function Readme({ source, label = 'README' }: { source: string; label?: string }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  return <div className="readme" data-testid="readme" aria-label={label} role="region" dangerouslySetInnerHTML={{ __html: html }} />;
}
