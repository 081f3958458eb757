import { useEffect, useRef, type FormEvent } from 'react';
import { ErrorAlert } from '../components/alert';
import { TextArea } from '../components/field';
import { useAction } from '../components/use-action';
import { adminApi, type AdminSpell } from './admin-api';

/**
 * Asks for the reason before a spell is unpublished, in a modal dialog: the focus moves into it,
 * Escape or Cancel closes it and gives the focus back to the button that opened it.
 */
export function UnpublishDialog({ spell, onClose, onDone }: { spell: AdminSpell; onClose: () => void; onDone: (spell: AdminSpell) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const { busy, error, run } = useAction();

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    await run(async () => {
      const answer = await adminApi.unpublishSpell(spell, reason);
      onDone(answer.spell);
    });
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="unpublish-title" aria-describedby="unpublish-what" onClose={onClose}>
      <form onSubmit={(event) => void submit(event)}>
        <h2 id="unpublish-title">Unpublish {spell.full_name}?</h2>
        <p id="unpublish-what">
          It leaves the catalog and every cast of it by another account fails with <code>410 spell_retired</code>, pinned versions too. Its
          owner keeps casting it and sees your reason.
        </p>
        <ErrorAlert error={error} />
        <TextArea label="Reason (shown to the owner)" name="reason" required maxLength={500} rows={3} placeholder="Reported as malware" />
        <div className="actions">
          <button type="submit" className="danger" disabled={busy}>
            {busy ? 'Unpublishing…' : 'Unpublish'}
          </button>
          <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
