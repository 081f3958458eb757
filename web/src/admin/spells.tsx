import { useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { ApiError } from '../api/http';
import { Alert, Empty, ErrorAlert, Loading } from '../components/alert';
import { SelectField, TextField } from '../components/field';
import { formatDate } from '../components/format';
import { PageHeader } from '../components/layout';
import { toApiError, useLoad } from '../components/use-load';
import { adminApi, type AdminSpell } from './admin-api';
import { Pager, useCursorPages } from './pager';
import { UnpublishDialog } from './unpublish-dialog';

/** Every tenant's spells: search them, take a public one out of service with a reason, put it back. */
export function SpellsPage() {
  // A tenant's page links here with ?owner=handle.
  const [params] = useSearchParams();
  const [filters, setFilters] = useState({ q: '', owner: params.get('owner') ?? '', status: '' });
  const pages = useCursorPages();
  const spells = useLoad(() => adminApi.listSpells({ ...filters, cursor: pages.cursor, limit: 50 }), [filters, pages.cursor]);
  const [unpublishing, setUnpublishing] = useState<AdminSpell>();
  const opener = useRef<HTMLButtonElement | null>(null);
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<ApiError>();

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setFilters({ q: String(form.get('q') ?? '').trim(), owner: String(form.get('owner') ?? '').trim().toLowerCase(), status: String(form.get('status') ?? '') });
    pages.reset();
  };

  const republish = async (spell: AdminSpell) => {
    if (!window.confirm(`Republish ${spell.full_name}? Everyone can find and cast it again.`)) return;
    setError(undefined);
    setNotice(undefined);
    try {
      await adminApi.republishSpell(spell);
      setNotice(`${spell.full_name} republished.`);
      spells.reload();
    } catch (caught) {
      setError(toApiError(caught));
    }
  };

  const closeDialog = () => {
    setUnpublishing(undefined);
    opener.current?.focus();
  };

  return (
    <>
      <PageHeader title="Spells" />
      <form className="filters" onSubmit={search} role="search" aria-label="Search spells">
        <TextField label="Name, owner or description" name="q" type="search" />
        <TextField label="Owner handle" name="owner" defaultValue={filters.owner} autoCapitalize="none" spellCheck={false} />
        <SelectField label="Status" name="status" defaultValue="">
          <option value="">Any</option>
          <option value="live">Live</option>
          <option value="unpublished">Unpublished</option>
          <option value="deleted">Deleted</option>
        </SelectField>
        <button type="submit" className="secondary">
          Search
        </button>
      </form>
      {notice && <Alert tone="success">{notice}</Alert>}
      <ErrorAlert error={error ?? spells.error} />
      {spells.data === undefined && !spells.error ? (
        <Loading height="12rem" />
      ) : spells.data?.spells.length === 0 ? (
        <Empty>No spells match.</Empty>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Spell</th>
                <th scope="col">Visibility</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">Casts</th>
                <th scope="col">Created</th>
                <th scope="col"><span className="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {spells.data?.spells.map((spell) => (
                <tr key={spell.id} data-testid="spell-row">
                  <td data-label="Spell">
                    <Link to={`/admin/tenants/${spell.tenant_id}`} aria-label={`${spell.full_name}, owner’s tenant`}>
                      <code>{spell.full_name}</code>
                    </Link>
                    {spell.description && <div className="meta">{spell.description}</div>}
                  </td>
                  <td data-label="Visibility">{spell.visibility}</td>
                  <td data-label="Status">
                    <span className={`status status-${spell.status}`}>{spell.status}</span>
                    {spell.unpublished && <div className="meta">“{spell.unpublished.reason}” · {formatDate(spell.unpublished.at)}</div>}
                  </td>
                  <td data-label="Casts" className="num">{spell.casts}</td>
                  <td data-label="Created">{formatDate(spell.created_at)}</td>
                  <td>
                    {spell.status === 'live' && spell.visibility === 'public' && (
                      <button
                        type="button"
                        className="danger small"
                        aria-label={`Unpublish ${spell.full_name}`}
                        onClick={(event) => {
                          opener.current = event.currentTarget;
                          setNotice(undefined);
                          setUnpublishing(spell);
                        }}
                      >
                        Unpublish
                      </button>
                    )}
                    {spell.status === 'unpublished' && (
                      <button type="button" className="secondary small" aria-label={`Republish ${spell.full_name}`} onClick={() => void republish(spell)}>
                        Republish
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={pages.page} nextCursor={spells.data?.next_cursor} onNext={pages.next} onPrevious={pages.previous} />
      {unpublishing && (
        <UnpublishDialog
          spell={unpublishing}
          onClose={closeDialog}
          onDone={(spell) => {
            setNotice(`${spell.full_name} unpublished.`);
            setUnpublishing(undefined);
            spells.reload();
            // Its Unpublish button is gone: the page takes the focus, the notice is announced.
            document.getElementById('main')?.focus({ preventScroll: true });
          }}
        />
      )}
    </>
  );
}
