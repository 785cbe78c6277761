import type { ApiStoreProbe } from '../../../api/types';
import { FeedPermissionsTable } from './feed-permissions-table';

/** What the probe found, before anything is saved. */
export function ProbeReport({ probe }: { readonly probe: ApiStoreProbe }) {
  const { connection, shop, auth } = probe;
  return (
    <section className="probe-report" aria-labelledby="probe-title">
      <h2 id="probe-title">What the store answered</h2>
      {probe.cannotConnect && (
        <div className="notice notice-bad" role="alert">
          <p className="notice-title">This key cannot connect the store yet</p>
          <p>{probe.cannotConnect}</p>
        </div>
      )}
      <dl className="facts">
        <div>
          <dt>PrestaShop version</dt>
          <dd>{connection.version ?? 'unknown'}</dd>
        </div>
        <div>
          <dt>Shop name</dt>
          <dd>{connection.shopName ?? '—'}</dd>
        </div>
        <div>
          <dt>Languages</dt>
          <dd>
            {shop === null || shop.languages.length === 0
              ? '—'
              : shop.languages
                  .map((language) =>
                    language.id === shop.languageId ? `${language.iso} (default)` : language.iso,
                  )
                  .join(', ')}
          </dd>
        </div>
        <div>
          <dt>Time zone</dt>
          <dd>{shop?.timeZone ?? '—'}</dd>
        </div>
        <div>
          <dt>Key sent as</dt>
          <dd>{auth.mode === 'header' ? 'HTTP Basic (Authorization header)' : 'ws_key query parameter'}</dd>
        </div>
      </dl>
      {auth.explanation && (
        <div className="notice notice-warn">
          <p className="notice-title">The host drops the Authorization header</p>
          <p>{auth.explanation}</p>
        </div>
      )}
      {connection.warnings.length > 0 && (
        <ul className="warnings">
          {connection.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      <FeedPermissionsTable feeds={probe.feeds} />
    </section>
  );
}
