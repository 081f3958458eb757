import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { WebhookEndpoint, WebhookEventType } from '../api/types';
import { Alert, Empty, ErrorAlert, Loading } from '../components/alert';
import { CopyButton } from '../components/copy-button';
import { TextField } from '../components/field';
import { formatDate } from '../components/format';
import { PageHeader } from '../components/layout';
import { useAction } from '../components/use-action';
import { useLoad } from '../components/use-load';

const EVENT_TYPES: WebhookEventType[] = [
  'cast.succeeded',
  'cast.failed',
  'budget.soft_limit_reached',
  'budget.hard_limit_reached',
  'tenant.grace_started',
  'tenant.suspended',
  'credits.low',
  'creator.payout_paid',
  'webhook_endpoint.disabled',
];

/** The secret that signs deliveries to an async cast's own `webhook_url`: made or rotated here, shown once. */
function CastWebhookSecretCard() {
  const state = useLoad(() => api.castWebhookSecret());
  const [shown, setShown] = useState<string>();
  const { busy, error, run } = useAction();
  const make = () => {
    if (state.data?.exists && !window.confirm('Rotate the secret for casts’ webhook_url? The old one keeps signing for 24 hours.')) return;
    void run(async () => {
      const made = await api.makeCastWebhookSecret();
      setShown(made.secret);
      state.reload();
    });
  };
  return (
    <section className="card" aria-labelledby="cast-secret-title">
      <h2 id="cast-secret-title">Secret for casts’ webhook_url</h2>
      <p>
        An async cast sent with <code>webhook_url</code> gets its own <code>cast.succeeded</code> or <code>cast.failed</code>, signed with this
        secret. Casts with <code>webhook_url</code> are refused until it exists.
      </p>
      <ErrorAlert error={state.error ?? error} />
      <p className="meta" data-testid="cast-secret-state">
        {state.data === undefined ? 'Loading…' : state.data.exists ? `Made ${formatDate(state.data.rotated_at ?? state.data.created_at ?? '')}` : 'No secret yet.'}
      </p>
      <button type="button" disabled={busy || state.data === undefined} onClick={make}>
        {state.data?.exists ? 'Rotate secret' : 'Make secret'}
      </button>
      {shown && (
        <Alert tone="success" title="Signing secret for casts’ webhook_url">
          <p>Copy it now: it is shown only this once.</p>
          <div className="secret-row">
            <code className="secret" data-testid="cast-webhook-secret">{shown}</code>
            <CopyButton text={shown} label="Copy secret" />
          </div>
        </Alert>
      )}
    </section>
  );
}

/** Webhook endpoints: register one (its secret shown once), enable or disable, rotate, delete, test, and the deliveries log. */
export function WebhooksPage() {
  const endpoints = useLoad(() => api.listWebhookEndpoints().then((body) => body.endpoints));
  const [secret, setSecret] = useState<{ url: string; secret: string; rotated: boolean }>();
  const [open, setOpen] = useState<string>();
  const { busy, error, setError, run } = useAction();

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const events = data.getAll('events').map(String) as WebhookEventType[];
    const description = String(data.get('description') ?? '').trim();
    await run(async () => {
      const created = await api.createWebhookEndpoint({ url: String(data.get('url') ?? '').trim(), events, ...(description ? { description } : {}) });
      setSecret({ url: created.url, secret: created.secret, rotated: false });
      setOpen(created.id);
      form.reset();
      endpoints.reload();
    });
  };

  const act = (work: () => Promise<void>) => run(async () => {
    await work();
    endpoints.reload();
  });
  const toggle = (endpoint: WebhookEndpoint) => act(async () => void (await api.updateWebhookEndpoint(endpoint.id, { enabled: !endpoint.enabled })));
  const rotate = (endpoint: WebhookEndpoint) => {
    if (!window.confirm(`Rotate the signing secret of ${endpoint.url}? The old secret keeps signing for 24 hours.`)) return;
    void act(async () => {
      const rotated = await api.rotateWebhookSecret(endpoint.id);
      setSecret({ url: rotated.url, secret: rotated.secret, rotated: true });
    });
  };
  const remove = (endpoint: WebhookEndpoint) => {
    if (!window.confirm(`Delete the endpoint ${endpoint.url}? Its pending deliveries and its log go with it.`)) return;
    setError(undefined);
    void act(async () => void (await api.deleteWebhookEndpoint(endpoint.id)));
  };

  return (
    <>
      <PageHeader title="Webhooks" />
      <p className="lead">
        Your own system hears about casts, budgets, account status, credit and payouts. Each delivery is a signed JSON POST (
        <code>Spell-Signature</code>), retried with backoff for three days.
      </p>
      <form className="card" onSubmit={(event) => void create(event)} aria-label="New endpoint">
        <TextField label="Endpoint URL" name="url" type="url" required maxLength={2048} placeholder="https://example.com/hooks/spell" />
        <TextField label="Description (optional)" name="description" maxLength={500} />
        <fieldset className="bare">
          <legend>Events</legend>
          {EVENT_TYPES.map((type) => (
            <label key={type} className="field-checkbox">
              <input className="checkbox" type="checkbox" name="events" value={type} defaultChecked={type.startsWith('cast.')} /> <code>{type}</code>
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={busy}>{busy ? 'Saving…' : 'Add endpoint'}</button>
      </form>
      <ErrorAlert error={error} />
      {secret && (
        <Alert tone="success" title={secret.rotated ? `New signing secret for ${secret.url}` : `Endpoint ${secret.url} added`}>
          <p>Copy the signing secret now: it is shown only this once.</p>
          <div className="secret-row">
            <code className="secret" data-testid="webhook-secret">{secret.secret}</code>
            <CopyButton text={secret.secret} label="Copy secret" />
          </div>
        </Alert>
      )}
      <h2>Your endpoints</h2>
      <ErrorAlert error={endpoints.error} />
      {endpoints.data === undefined && !endpoints.error ? (
        <Loading />
      ) : endpoints.data?.length === 0 ? (
        <Empty>No endpoints yet. Add one above to receive events.</Empty>
      ) : (
        endpoints.data?.map((endpoint) => (
          <section key={endpoint.id} className="card" aria-label={`Endpoint ${endpoint.url}`}>
            <h3><code>{endpoint.url}</code></h3>
            <p>
              {endpoint.enabled ? 'Enabled' : endpoint.disabled_reason === 'failing' ? 'Disabled: it kept failing' : 'Disabled'}
              {endpoint.failing_since && ` · failing since ${formatDate(endpoint.failing_since)}`} · {endpoint.events.join(', ')}
            </p>
            <div className="actions">
              <button type="button" className="small" onClick={() => void act(async () => { await api.sendWebhookTest(endpoint.id); setOpen(endpoint.id); })}>Send test event</button>
              <button type="button" className="small" onClick={() => void toggle(endpoint)}>{endpoint.enabled ? 'Disable' : 'Enable'}</button>
              <button type="button" className="small" onClick={() => rotate(endpoint)}>Rotate secret</button>
              <button type="button" className="small" onClick={() => setOpen(open === endpoint.id ? undefined : endpoint.id)}>
                {open === endpoint.id ? 'Hide deliveries' : 'Deliveries'}
              </button>
              <button type="button" className="danger small" onClick={() => remove(endpoint)} aria-label={`Delete endpoint ${endpoint.url}`}>Delete</button>
            </div>
            {open === endpoint.id && <DeliveryLog endpointId={endpoint.id} />}
          </section>
        ))
      )}
      <CastWebhookSecretCard />
    </>
  );
}

function DeliveryLog({ endpointId }: { endpointId: string }) {
  const log = useLoad(() => api.webhookDeliveries(endpointId).then((body) => body.deliveries), [endpointId]);
  const { error, run } = useAction();
  const [replayed, setReplayed] = useState<string>();
  return (
    <div>
      <h4>Deliveries <button type="button" className="small" onClick={() => log.reload()}>Refresh</button></h4>
      <ErrorAlert error={log.error ?? error} />
      {replayed && <Alert tone="info">Event {replayed} queued again.</Alert>}
      {log.data === undefined && !log.error ? (
        <Loading />
      ) : log.data?.length === 0 ? (
        <Empty>No deliveries yet.</Empty>
      ) : (
        <div className="table-wrap">
          <table data-testid="webhook-deliveries">
            <thead>
              <tr>
                <th scope="col">At</th>
                <th scope="col">Event</th>
                <th scope="col">Attempt</th>
                <th scope="col">Status</th>
                <th scope="col">Duration</th>
                <th scope="col">Response</th>
                <th scope="col"><span className="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {log.data?.map((attempt) => (
                <tr key={attempt.id}>
                  <td data-label="At">{formatDate(attempt.at)}</td>
                  <td data-label="Event"><code>{attempt.event_type}</code> <small>{attempt.event_id}</small></td>
                  <td data-label="Attempt">{attempt.attempt}</td>
                  <td data-label="Status">{attempt.status_code ?? '—'}{attempt.error && <small> {attempt.error}</small>}</td>
                  <td data-label="Duration">{attempt.duration_ms} ms</td>
                  <td data-label="Response"><code>{(attempt.response_excerpt ?? '').slice(0, 200)}</code></td>
                  <td>
                    <button type="button" className="small" onClick={() => void run(async () => {
                      await api.replayWebhookEvent(attempt.event_id);
                      setReplayed(attempt.event_id);
                    })}>Replay</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
