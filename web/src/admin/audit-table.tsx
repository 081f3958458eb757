import { Link } from 'react-router';
import { Empty } from '../components/alert';
import { formatDate } from '../components/format';
import type { AuditLog } from './admin-api';

function describe(value: unknown): string {
  if (value === null || value === undefined) return '';
  return JSON.stringify(value);
}

/** Audit rows, newest first, with what changed. */
export function AuditTable({ logs }: { logs: AuditLog[] }) {
  if (logs.length === 0) return <Empty>No audit entries match.</Empty>;
  return (
    <div className="table-wrap">
      <table className="audit">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Action</th>
            <th scope="col">Actor</th>
            <th scope="col">Target</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {logs.map((log) => (
            <tr key={log.id} data-testid="audit-row">
              <td data-label="When">{formatDate(log.created_at)}</td>
              <td data-label="Action"><code>{log.action}</code></td>
              <td data-label="Actor">
                {log.actor.type}
                {log.actor.id && <small className="id"> {log.actor.id}</small>}
              </td>
              <td data-label="Target">
                {log.target.type}{' '}
                {log.target.type === 'tenant' && log.target.id ? (
                  <Link to={`/admin/tenants/${log.target.id}`}>{log.target.id}</Link>
                ) : (
                  <small className="id">{log.target.id}</small>
                )}
              </td>
              <td data-label="Change" className="change">
                {log.before !== null && log.before !== undefined && <div><span className="muted">before</span> <code>{describe(log.before)}</code></div>}
                {log.after !== null && log.after !== undefined && <div><span className="muted">after</span> <code>{describe(log.after)}</code></div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
