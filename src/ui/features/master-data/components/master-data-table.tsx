import { useState } from 'react';

import type {
  ApiMasterDataKind,
  ApiMasterDataRecord,
  ApiMasterDataUsage,
} from '../../../api/back-office-types';
import { Dialog } from '../../../components/dialog';
import { EmptyState } from '../../../components/empty-state';
import { ErrorBox } from '../../../components/error-box';
import { OnOffBadge } from '../../../components/status-badge';
import { TableScroll } from '../../../components/table-scroll';
import { useToast } from '../../../components/toaster';
import { masterDataKindLabel } from '../api/master-data-kinds';
import { useArchiveMasterDataRecord } from '../api/save-master-data-record';
import { familyTree } from './family-tree';
import { MasterDataForm } from './master-data-form';
import { usageCountsText } from './usage-counts';

/** `21.000000` → `21`, `5.500000` → `5.5`: the hub stores six places; a rate reads better without them. */
export function shortDecimal(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}

function details(kind: ApiMasterDataKind, record: ApiMasterDataRecord): string {
  if (kind === 'tax-rates')
    return `${record.rate === undefined ? '?' : shortDecimal(record.rate)} %${record.country ? ` · ${record.country}` : ''}`;
  if (kind === 'locations' || kind === 'accounts') return record.kind ?? '';
  if (kind === 'families') return record.parentCode ? `in ${record.parentCode}` : 'root';
  return '';
}

/** The store settings that name the code (each a link to them) and the records that carry it. */
function UsesCell({ usage }: { readonly usage: ApiMasterDataUsage | undefined }) {
  if (usage === undefined) return <span className="row-detail">…</span>;
  const counts = usageCountsText(usage.records);
  if (usage.settings.length === 0 && counts === '')
    return <span className="row-detail">not used by any store’s settings or record</span>;
  return (
    <ul className="plain-list">
      {usage.settings.map((use) => (
        <li key={`${use.store}:${use.key}`}>
          <a href={`#/stores/${encodeURIComponent(use.store)}/settings`}>{use.store}</a>:{' '}
          <code>{use.key}</code>
        </li>
      ))}
      {counts !== '' && <li>{counts}</li>}
    </ul>
  );
}

/**
 * The records of one kind (families as a tree), with where each is used (the stores' settings and
 * the hub's records, as the server counts them; undefined while that is read), and
 * Edit and Archive / Restore for an admin. Nothing is deleted: what uses a record keeps it.
 */
export function MasterDataTable({
  kind,
  records,
  uses,
  canEdit,
}: {
  readonly kind: ApiMasterDataKind;
  readonly records: readonly ApiMasterDataRecord[];
  readonly uses: ReadonlyMap<string, ApiMasterDataUsage> | undefined;
  readonly canEdit: boolean;
}) {
  const archive = useArchiveMasterDataRecord();
  const notify = useToast();
  const [editing, setEditing] = useState<ApiMasterDataRecord | null>(null);
  const label = masterDataKindLabel(kind);
  const rows =
    kind === 'families'
      ? familyTree(records)
      : [...records].sort((a, b) => a.code.localeCompare(b.code)).map((record) => ({ record, depth: 0 }));

  if (records.length === 0)
    return (
      <EmptyState title={`No ${label.toLowerCase()} yet`}>{canEdit && <p>Add one below.</p>}</EmptyState>
    );

  return (
    <>
      {archive.isError && <ErrorBox error={archive.error} title="The record was not archived" />}
      <TableScroll label={label}>
        <table className="stack-on-phone">
          <caption className="visually-hidden">{label}</caption>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Name</th>
              <th scope="col">Details</th>
              <th scope="col">Used in</th>
              <th scope="col">Status</th>
              {canEdit && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ record, depth }) => {
              const archived = record.archivedAt !== null;
              return (
                <tr key={record.code} className={archived ? 'row-archived' : undefined}>
                  <th
                    scope="row"
                    data-label="Code"
                    style={depth > 0 ? { paddingLeft: `${depth * 1.5 + 0.5}rem` } : undefined}
                  >
                    {depth > 0 && <span aria-hidden="true">└ </span>}
                    {record.code}
                  </th>
                  <td data-label="Name">{record.name}</td>
                  <td data-label="Details">{details(kind, record)}</td>
                  <td data-label="Used in">
                    <UsesCell usage={uses?.get(record.code)} />
                  </td>
                  <td data-label="Status">
                    <OnOffBadge on={!archived} onLabel="Active" offLabel="Archived" />
                  </td>
                  {canEdit && (
                    <td data-label="Actions" className="actions-cell">
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={`Edit ${record.code}`}
                        onClick={() => setEditing(record)}
                      >
                        Edit
                      </button>{' '}
                      <button
                        type="button"
                        className="button button-small"
                        disabled={archive.isPending}
                        aria-label={`${archived ? 'Restore' : 'Archive'} ${record.code}`}
                        onClick={() =>
                          archive.mutate(
                            { kind, code: record.code, restore: archived },
                            {
                              onSuccess: (saved) =>
                                notify(
                                  saved.archivedAt === null
                                    ? `${saved.code} restored.`
                                    : `${saved.code} archived: what uses it keeps it; new settings may not name it.`,
                                ),
                            },
                          )
                        }
                      >
                        {archived ? 'Restore' : 'Archive'}
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      {editing && (
        <Dialog title={`Edit ${editing.code}`} onClose={() => setEditing(null)}>
          <MasterDataForm
            kind={kind}
            families={kind === 'families' ? records : []}
            editing={editing}
            onDone={() => setEditing(null)}
          />
        </Dialog>
      )}
    </>
  );
}
