import { useState, type FormEvent } from 'react';
import { Alert, ErrorAlert } from '../components/alert';
import { TextField } from '../components/field';
import { adminApi, type IssuedBatch } from './admin-api';
import { downloadText, toCsv } from './csv';
import { useAction } from '../components/use-action';

/** Issues a batch of license keys; the keys can be downloaded as CSV until the panel is closed. */
export function IssueKeys({ onIssued }: { onIssued: () => void }) {
  const [batch, setBatch] = useState<IssuedBatch>();
  const { busy, error, run } = useAction();
  const [downloaded, setDownloaded] = useState(false);

  const issue = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    await run(async () => {
      setBatch(await adminApi.issueKeys(Number(form.get('count')), String(form.get('memo') ?? '').trim()));
      setDownloaded(false);
      formElement.reset();
      onIssued();
    });
  };

  const download = () => {
    if (!batch) return;
    const csv = toCsv(['key', 'id', 'batch_id', 'memo', 'created_at'], batch.keys.map((key) => [key.key, key.id, batch.batch_id, batch.memo, batch.created_at]));
    downloadText(`license-keys-${batch.batch_id}.csv`, csv);
    setDownloaded(true);
  };

  return (
    <section className="card" aria-labelledby="issue-title">
      <h2 id="issue-title">Issue license keys</h2>
      <ErrorAlert error={error} />
      {batch ? (
        <Alert tone={downloaded ? 'success' : 'warning'} title={`${batch.keys.length} keys issued`}>
          <p>
            Batch <code>{batch.batch_id}</code> ({batch.memo}). The keys are shown only now: download them before closing this panel.
          </p>
          <div className="actions">
            <button type="button" onClick={download}>
              Download CSV
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                if (downloaded || window.confirm('Close without downloading? The keys cannot be shown again.')) setBatch(undefined);
              }}
            >
              Done
            </button>
          </div>
        </Alert>
      ) : (
        <form className="inline-form" onSubmit={(event) => void issue(event)}>
          <TextField label="How many" name="count" type="number" min={1} max={1000} defaultValue={10} required />
          <TextField label="Memo" name="memo" required maxLength={200} placeholder="Conference giveaway, May" hint="Who the keys are for; searchable later." />
          <button type="submit" disabled={busy}>
            {busy ? 'Issuing…' : 'Issue keys'}
          </button>
        </form>
      )}
    </section>
  );
}
