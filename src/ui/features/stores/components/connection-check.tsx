import type { ApiConnectionCheck } from '../../../api/types';
import { TableScroll } from '../../../components/table-scroll';
import { FeedPermissionsTable } from './feed-permissions-table';

const AUTH_LABEL = {
  header: 'HTTP Basic (Authorization header)',
  query: 'ws_key query parameter',
} as const;

/**
 * What probing a store found: version, shop, how the key is sent, warnings, the permissions the key
 * lacks per resource, and per feed what that leaves undone (its run, the writes that follow).
 */
export function ConnectionCheck({ check }: { readonly check: ApiConnectionCheck }) {
  return (
    <div className="connection-check">
      <dl className="facts">
        <div>
          <dt>PrestaShop</dt>
          <dd>{check.version ?? 'unknown version'}</dd>
        </div>
        <div>
          <dt>Shop</dt>
          <dd>{check.shopName ?? '—'}</dd>
        </div>
        <div>
          <dt>Webservice</dt>
          <dd>{check.apiUrl}</dd>
        </div>
        <div>
          <dt>Key sent as</dt>
          <dd>{AUTH_LABEL[check.authMode]}</dd>
        </div>
      </dl>
      {check.warnings.length > 0 && (
        <ul className="warnings">
          {check.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      {check.missing.length === 0 ? (
        <p className="ok-line">The key allows everything every feed needs, and the writes that follow.</p>
      ) : (
        <>
          <TableScroll label="Missing permissions">
            <table>
              <caption>Permissions the key lacks</caption>
              <thead>
                <tr>
                  <th scope="col">Resource</th>
                  <th scope="col">Verbs</th>
                  <th scope="col">Needed by</th>
                  <th scope="col">What to do</th>
                </tr>
              </thead>
              <tbody>
                {check.missing.map((missing) => (
                  <tr key={missing.resource}>
                    <th scope="row">{missing.resource}</th>
                    <td>{missing.verbs.join(', ')}</td>
                    <td>{missing.feeds.join(', ')}</td>
                    <td>{missing.grant}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <FeedPermissionsTable feeds={check.feeds} />
        </>
      )}
    </div>
  );
}
