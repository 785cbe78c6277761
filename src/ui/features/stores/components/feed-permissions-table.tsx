import type { ApiFeedPermissions } from '../../../api/types';
import { TableScroll } from '../../../components/table-scroll';

type Permission = ApiFeedPermissions['missing'][number];

/**
 * `PUT on order_carriers, POST on order_histories`, as the CLI says it: the verbs of one resource
 * together (`GET and PUT on stock_availables`), resources lacking the same verbs together
 * (`GET on customers, addresses; GET and PUT on stock_availables`).
 */
function lackText(missing: readonly Permission[]): string {
  const byResource = new Map<string, string[]>();
  for (const { resource, verb } of missing)
    byResource.set(resource, [...(byResource.get(resource) ?? []), verb]);
  const byVerbs = new Map<string, string[]>();
  for (const [resource, verbs] of byResource) {
    const last = verbs.at(-1) ?? '';
    const said = verbs.length > 1 ? `${verbs.slice(0, -1).join(', ')} and ${last}` : last;
    byVerbs.set(said, [...(byVerbs.get(said) ?? []), resource]);
  }
  const groups = [...byVerbs];
  const separator = groups.some(([, resources]) => resources.length > 1) ? '; ' : ', ';
  return groups.map(([verbs, resources]) => `${verbs} on ${resources.join(', ')}`).join(separator);
}

/**
 * Every feed with what the key still lacks for it: for its own run, and for each write its records
 * lead to through the outbox (push stock, confirm shipments, set order states, export products) —
 * what the store's admin must grant in Advanced Parameters › Webservice before anything fails.
 */
export function FeedPermissionsTable({ feeds }: { readonly feeds: readonly ApiFeedPermissions[] }) {
  const lacking = feeds.filter((feed) => feed.missing.length > 0).length;
  return (
    <TableScroll label="Permissions per feed">
      <table className="permissions-table">
        <caption>
          Permissions per feed —{' '}
          {lacking === 0
            ? 'the key allows every feed and the writes that follow'
            : `${lacking} of ${feeds.length} feeds lack permissions`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Feed</th>
            <th scope="col">Direction</th>
            <th scope="col">Its run</th>
            <th scope="col">Writes that follow</th>
          </tr>
        </thead>
        <tbody>
          {feeds.map((feed) => {
            const [run, ...writes] = feed.parts;
            const runMissing = run?.missing ?? [];
            return (
              <tr key={feed.feed} className={feed.missing.length > 0 ? 'row-warn' : undefined}>
                <th scope="row">
                  {feed.feed}
                  <span className="row-detail">{feed.description}</span>
                </th>
                <td>{feed.direction}</td>
                <td>
                  {runMissing.length === 0 ? (
                    <span className="ok-line">ok</span>
                  ) : (
                    <span className="row-warn-text-inline">lacks {lackText(runMissing)}</span>
                  )}
                </td>
                <td>
                  {writes.length === 0 ? (
                    <span className="row-detail">none</span>
                  ) : (
                    <ul className="plain-list">
                      {writes.map((part) => (
                        <li key={part.label}>
                          {part.label}:{' '}
                          {part.missing.length === 0 ? (
                            <span className="ok-line">ok</span>
                          ) : (
                            <span className="row-warn-text-inline">lacks {lackText(part.missing)}</span>
                          )}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
