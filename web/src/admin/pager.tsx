import { useCallback, useState } from 'react';

/** Cursor paging: the cursors of the pages seen so far, so "Previous" can go back. */
export function useCursorPages() {
  const [stack, setStack] = useState<(string | null)[]>([null]);
  const cursor = stack.at(-1) ?? null;
  const next = useCallback((nextCursor: string) => setStack((current) => [...current, nextCursor]), []);
  const previous = useCallback(() => setStack((current) => (current.length > 1 ? current.slice(0, -1) : current)), []);
  const reset = useCallback(() => setStack([null]), []);
  return { cursor, page: stack.length, next, previous, reset };
}

export function Pager({
  page,
  nextCursor,
  onNext,
  onPrevious,
}: {
  page: number;
  nextCursor: string | null | undefined;
  onNext: (cursor: string) => void;
  onPrevious: () => void;
}) {
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" className="secondary small" disabled={page <= 1} onClick={onPrevious}>
        ← Newer
      </button>
      <span>Page {page}</span>
      <button type="button" className="secondary small" disabled={!nextCursor} onClick={() => nextCursor && onNext(nextCursor)}>
        Older →
      </button>
    </nav>
  );
}
