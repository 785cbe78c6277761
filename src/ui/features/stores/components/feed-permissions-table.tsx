import type { ApiStoreProbe } from '../../../api/types';
import { TableScroll } from '../../../components/table-scroll';

const READ_VERBS = new Set(['GET', 'HEAD']);

/**
 * Every feed with the permissions the key still lacks for it, reads and writes apart: what the
 * store's admin must grant in Advanced Parameters › Webservice before the feed can run.
 */
export function FeedPermissionsTable({ feeds }: { readonly feeds: ApiStoreProbe['feeds'] }) {
  const lacking = feeds.filter((feed) => feed.missing.length > 0).length;
  return (
    <TableScroll label="Permissions per feed">
      <table className="permissions-table">
        <caption>
          Permissions per feed —{' '}
          {lacking === 0
            ? 'the key allows every feed'
            : `${lacking} of ${feeds.length} feeds lack permissions`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Feed</th>
            <th scope="col">Direction</th>
            <th scope="col">Missing reads</th>
            <th scope="col">Missing writes</th>
          </tr>
        </thead>
        <tbody>
          {feeds.map((feed) => {
            const reads = feed.missing.filter((each) => READ_VERBS.has(each.verb.toUpperCase()));
            const writes = feed.missing.filter((each) => !READ_VERBS.has(each.verb.toUpperCase()));
            const list = (missing: typeof feed.missing) =>
              missing.length === 0 ? (
                <span className="ok-line">none</span>
              ) : (
                <ul className="plain-list">
                  {missing.map((each) => (
                    <li key={`${each.verb} ${each.resource}`}>
                      {each.verb} {each.resource}
                    </li>
                  ))}
                </ul>
              );
            return (
              <tr key={feed.feed} className={feed.missing.length > 0 ? 'row-warn' : undefined}>
                <th scope="row">
                  {feed.feed}
                  <span className="row-detail">{feed.description}</span>
                </th>
                <td>{feed.direction}</td>
                <td>{list(reads)}</td>
                <td>{list(writes)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
