import { lazy, Suspense } from 'react';
import { Loading } from '../components/alert';

// markdown-it is about a third of the app's size: only pages that show a README download it.
const Readme = lazy(() => import('./readme').then((module) => ({ default: module.Readme })));

/** A README, rendered once its renderer has loaded. */
export function ReadmeView({ source, label }: { source: string; label?: string }) {
  return (
    <Suspense fallback={<Loading height="6rem" label="Loading the README…" />}>
      <Readme source={source} {...(label && { label })} />
    </Suspense>
  );
}
