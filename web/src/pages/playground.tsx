import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client';
import type { Spell } from '../api/types';
import { Empty, ErrorAlert, Loading } from '../components/alert';
import { SelectField } from '../components/field';
import { formatCents } from '../components/format';
import { PageHeader } from '../components/layout';
import { spellPath } from '../components/spell-links';
import { useLoad } from '../components/use-load';
import { CastForm } from '../schema-form/cast-form';
import { useSession } from '../session';
import { CastResultPanel, type CastOutcome } from './cast-result';

/**
 * `?spell=` as the owner's handle, the name and an optional version: `owner/name[@N]`, or a bare
 * `name[@N]`, which is the caller's own spell, as in a cast.
 */
export function parsePlaygroundRef(text: string, ownHandle: string | undefined): { owner: string; name: string; version: string } | null {
  const match = /^(?:([^/@]+)\/)?([^/@]+)(?:@(\d+))?$/.exec(text.trim());
  const owner = match?.[1] ?? ownHandle;
  if (!match?.[2] || !owner) return null;
  return { owner, name: match[2], version: match[3] ?? '' };
}

export function PlaygroundPage() {
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const spells = useLoad(() => api.listSpells().then((body) => body.spells.filter((spell) => spell.latest_version !== null)));
  const named = parsePlaygroundRef(params.get('spell') ?? '', me?.tenant.handle);
  const first = spells.data?.[0];
  const target = named ?? (first && { owner: first.owner, name: first.name, version: '' });
  const fullName = target ? `${target.owner}/${target.name}` : '';
  // The chosen spell is read by its name, so one past the list's first page (or a private one of
  // yours) is castable from a link too.
  const chosen = useLoad(() => (target ? api.getSpellByOwner(target.owner, target.name) : Promise.resolve(undefined)), [fullName]);
  const [outcome, setOutcome] = useState<CastOutcome>();
  const resultRef = useRef<HTMLDivElement>(null);

  useEffect(() => setOutcome(undefined), [fullName]);
  // Each finished cast takes the focus to its result, so a keyboard or screen-reader user is
  // where the output is read (and a phone scrolls down to it below the form); before the paint,
  // so the result is never on screen without the focus.
  useLayoutEffect(() => {
    if (outcome) resultRef.current?.focus();
  }, [outcome]);

  if (spells.error) return <ErrorAlert error={spells.error} />;
  if (!spells.data) return <Loading height="20rem" />;
  if (spells.data.length === 0 && !named) return <Empty>No spell has a version to cast yet.</Empty>;
  const spell = chosen.data?.full_name === fullName ? chosen.data : undefined;
  const options: Spell[] = spell && !spells.data.some((entry) => entry.full_name === fullName) ? [spell, ...spells.data] : spells.data;

  const picker = (
    <>
      <SelectField label="Spell" value={fullName} onChange={(event) => setParams({ spell: event.target.value })}>
        {!options.some((entry) => entry.full_name === fullName) && <option value={fullName}>{fullName}</option>}
        {options.map((entry) => (
          <option key={entry.full_name} value={entry.full_name}>
            {entry.full_name}
            {entry.price_cents ? ` (${formatCents(entry.price_cents)})` : ''}
          </option>
        ))}
      </SelectField>
      {spell && (
        <p className="meta">
          {spell.description || 'No description.'} Latest version v{spell.latest_version ?? '—'}. <Link to={spellPath(spell)}>About this spell</Link>
        </p>
      )}
    </>
  );

  return (
    <>
      <PageHeader title="Cast playground" />
      <div className="playground">
        {spell ? (
          <CastForm key={spell.full_name} spell={spell} initialVersion={target?.version ?? ''} onOutcome={setOutcome}>
            {picker}
          </CastForm>
        ) : (
          <div className="card">
            {picker}
            {chosen.error ? <ErrorAlert error={chosen.error} /> : <Loading height="12rem" />}
          </div>
        )}
        <div className="playground-result" ref={resultRef} tabIndex={-1} role="region" aria-label="Cast result">
          {outcome ? <CastResultPanel outcome={outcome} /> : <p className="empty">The output appears here.</p>}
        </div>
      </div>
    </>
  );
}
