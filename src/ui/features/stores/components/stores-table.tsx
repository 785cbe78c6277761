import { Link } from 'react-router';

import type { ApiStore, ApiStoreHealthStatus } from '../../../api/types';
import { HealthBadge, OnOffBadge } from '../../../components/status-badge';
import { TableScroll } from '../../../components/table-scroll';
import { TimeAgo } from '../../../components/time-display';

export interface StoreHealth {
  readonly status: ApiStoreHealthStatus;
  readonly reason: string | null;
}

/** Every store: version, enabled, last import and export, health (when the dashboard gave it). */
export function StoresTable({
  stores,
  health,
}: {
  readonly stores: readonly ApiStore[];
  readonly health?: ReadonlyMap<string, StoreHealth> | undefined;
}) {
  return (
    <TableScroll label="Stores">
      <table className="stack-on-phone">
        <caption className="visually-hidden">Stores</caption>
        <thead>
          <tr>
            <th scope="col">Store</th>
            <th scope="col">PrestaShop</th>
            <th scope="col">Enabled</th>
            <th scope="col">Last import</th>
            <th scope="col">Last export</th>
            <th scope="col">Health</th>
          </tr>
        </thead>
        <tbody>
          {stores.map((store) => {
            const state = health?.get(store.name);
            return (
              <tr key={store.id}>
                <th scope="row" data-label="Store">
                  <Link to={`/stores/${encodeURIComponent(store.name)}/settings`}>{store.name}</Link>
                  <span className="row-detail">{store.url}</span>
                </th>
                <td data-label="PrestaShop">{store.psVersion ?? '—'}</td>
                <td data-label="Enabled">
                  <OnOffBadge on={store.settings.enabled} onLabel="Enabled" offLabel="Disabled" />
                </td>
                <td data-label="Last import">
                  <TimeAgo at={store.lastImportAt} />
                </td>
                <td data-label="Last export">
                  <TimeAgo at={store.lastExportAt} />
                </td>
                <td data-label="Health">
                  {state ? (
                    <>
                      <HealthBadge status={state.status} />
                      {state.reason && <span className="row-detail">{state.reason}</span>}
                    </>
                  ) : (
                    <span className="muted">—</span>
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
