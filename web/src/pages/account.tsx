import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { TenantAccount } from '../api/types';
import { Alert, ErrorAlert, Loading } from '../components/alert';
import { TextField } from '../components/field';
import { PageHeader } from '../components/layout';
import { useAction } from '../components/use-action';
import { useLoad } from '../components/use-load';
import { useSession } from '../session';

/** Who is signed in, their account, and its handle: the owner part of its spells' names. */
export function AccountPage() {
  const { me, refresh } = useSession();
  const account = useLoad(() => api.account());
  const [notice, setNotice] = useState<string>();

  if (!me) return null;
  return (
    <>
      <PageHeader title="Account" />
      {notice && <Alert tone="success">{notice}</Alert>}
      <dl className="stats card">
        <div><dt>Email</dt><dd data-testid="account-email">{me.user.email}</dd></div>
        <div><dt>Account</dt><dd>{me.tenant.name}</dd></div>
        <div><dt>Handle</dt><dd data-testid="account-handle"><code>{me.tenant.handle}</code></dd></div>
        <div><dt>Role</dt><dd>{me.role}</dd></div>
        <div><dt>Plan</dt><dd>{me.plan}</dd></div>
      </dl>
      <ErrorAlert error={account.error} />
      {account.data === undefined && !account.error ? (
        <Loading height="10rem" />
      ) : (
        account.data && (
          <HandleForm
            key={account.data.tenant.handle}
            account={account.data}
            isOwner={me.role === 'owner'}
            onChanged={async (handle) => {
              // The header and the details show the new handle by the time the notice says so.
              await refresh();
              account.reload();
              setNotice(`Your handle is now ${handle}. Your spells are cast as ${handle}/name.`);
            }}
          />
        )
      )}
    </>
  );
}

function HandleForm({ account, isOwner, onChanged }: { account: TenantAccount; isOwner: boolean; onChanged: (handle: string) => Promise<void> }) {
  const { busy, error, run } = useAction();
  const { handle: state, tenant } = account;
  const disabledReason = !isOwner ? 'Only the account owner can change the handle.' : state.locked_reason;
  const previous = state.held.filter((handle) => handle !== tenant.handle);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const handle = String(new FormData(event.currentTarget).get('handle') ?? '').trim();
    await run(async () => {
      const changed = await api.changeHandle(handle);
      await onChanged(changed.tenant.handle);
    });
  };

  return (
    <form className="card" onSubmit={(event) => void submit(event)} aria-labelledby="handle-title">
      <h2 id="handle-title">Handle</h2>
      <p>
        Your spells are named <code>{tenant.handle}/spell-name</code>: that is what others cast. A handle you leave stays yours: nobody else can
        take it, and you can change back to it. An account holds at most 5 handles over its life.
      </p>
      {disabledReason && (
        <p className="meta" id="handle-locked" data-testid="handle-locked">
          {disabledReason}
        </p>
      )}
      <ErrorAlert error={error} />
      <fieldset className="bare" disabled={disabledReason !== null || busy} aria-describedby={disabledReason ? 'handle-locked' : undefined}>
        <div className="inline-form">
          <TextField
            label="New handle"
            name="handle"
            required
            maxLength={39}
            autoCapitalize="none"
            autoComplete="off"
            spellCheck={false}
            defaultValue={tenant.handle}
            hint="1–39 lower-case letters, digits or inner dashes."
          />
          <button type="submit">{busy ? 'Changing…' : 'Change handle'}</button>
        </div>
      </fieldset>
      {previous.length > 0 && (
        <p className="meta">
          Earlier handles, still yours: {previous.map((handle, index) => <span key={handle}>{index > 0 && ', '}<code>{handle}</code></span>)}
        </p>
      )}
    </form>
  );
}
