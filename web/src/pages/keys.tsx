import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { ApiKey } from '../api/types';
import { Alert, Empty, ErrorAlert, Loading } from '../components/alert';
import { CopyButton } from '../components/copy-button';
import { TextField } from '../components/field';
import { formatDate } from '../components/format';
import { PageHeader } from '../components/layout';
import { toApiError, useLoad } from '../components/use-load';
import { useAction } from '../components/use-action';

export function KeysPage() {
  const keys = useLoad(() => api.listKeys().then((body) => body.keys));
  const [created, setCreated] = useState<ApiKey & { key: string }>();
  const { busy, error, setError, run } = useAction();

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const name = String(new FormData(formElement).get('name') ?? '').trim();
    await run(async () => {
      setCreated(await api.createKey(name));
      formElement.reset();
      keys.reload();
    });
  };

  const remove = async (key: ApiKey) => {
    if (!window.confirm(`Delete the key “${key.name}” (${key.prefix})? Programs using it stop working at once.`)) return;
    setError(undefined);
    try {
      await api.deleteKey(key.prefix);
      if (created?.prefix === key.prefix) setCreated(undefined);
      keys.reload();
    } catch (caught) {
      setError(toApiError(caught));
    }
  };

  return (
    <>
      <PageHeader title="API keys" />
      <p className="lead">A key authenticates like your session on every <code>/v1</code> route. Send it as <code>Authorization: Bearer …</code>.</p>
      <form className="inline-form card" onSubmit={(event) => void create(event)}>
        <TextField label="Key name" name="name" required maxLength={100} placeholder="laptop" />
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create key'}
        </button>
      </form>
      <ErrorAlert error={error} />
      {created && (
        <Alert tone="success" title={`Key “${created.name}” created`}>
          <p>Copy it now: it is shown only this once.</p>
          <div className="secret-row">
            <code className="secret" data-testid="new-key">
              {created.key}
            </code>
            <CopyButton text={created.key} label="Copy key" />
          </div>
        </Alert>
      )}
      <h2>Your keys</h2>
      <ErrorAlert error={keys.error} />
      {keys.data === undefined && !keys.error ? (
        <Loading />
      ) : keys.data?.length === 0 ? (
        <Empty>No API keys yet. Create one above to call the API from your code.</Empty>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Prefix</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col"><span className="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {keys.data?.map((key) => (
                <tr key={key.prefix}>
                  <td data-label="Name">{key.name}</td>
                  <td data-label="Prefix"><code>{key.prefix}</code></td>
                  <td data-label="Created">{formatDate(key.created_at)}</td>
                  <td data-label="Last used">{key.last_used_at ? formatDate(key.last_used_at) : 'never'}</td>
                  <td>
                    <button type="button" className="danger small" onClick={() => void remove(key)} aria-label={`Delete key ${key.name}`}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
