import type { ApiJournalEntry } from '../../../api/back-office-types';
import { EmptyState } from '../../../components/empty-state';
import { TableScroll } from '../../../components/table-scroll';
import { decimalText } from '../../../lib/decimal-text';
import { sameAmount, sumDecimals } from './decimal-sum';

/** An entry's debits and credits added up: an entry the hub wrote always balances. */
export function entryBalance(entry: ApiJournalEntry): { debit: string; credit: string; balanced: boolean } {
  const debit = sumDecimals(entry.lines.map((line) => line.debit));
  const credit = sumDecimals(entry.lines.map((line) => line.credit));
  return { debit, credit, balanced: sameAmount(debit, credit) };
}

/** Journal entries, one table body each: its lines, then its total debit and credit. */
export function JournalTable({ entries }: { readonly entries: readonly ApiJournalEntry[] }) {
  if (entries.length === 0)
    return (
      <EmptyState title="No journal entries in this range">
        <p>
          Entries are written with invoices when a store’s <code>journal.enabled</code> is on.
        </p>
      </EmptyState>
    );
  const debits = sumDecimals(entries.map((entry) => entryBalance(entry).debit));
  const credits = sumDecimals(entries.map((entry) => entryBalance(entry).credit));
  return (
    <>
      <p>
        Entries on this page: debit {debits}, credit {credits}
        {sameAmount(debits, credits) ? ' — balanced.' : ' — NOT balanced.'}
      </p>
      <TableScroll label="Journal entries">
        <table>
          <caption className="visually-hidden">Journal entries</caption>
          <thead>
            <tr>
              <th scope="col">Entry</th>
              <th scope="col">Account</th>
              <th scope="col">Label</th>
              <th scope="col">Debit</th>
              <th scope="col">Credit</th>
            </tr>
          </thead>
          {entries.map((entry) => {
            const balance = entryBalance(entry);
            // The entry number carries its journal (VE2026-000001); an entry without one shows its id.
            const name = entry.entryNumber ?? `${entry.journalCode} #${entry.id}`;
            return (
              <tbody key={entry.id} aria-label={`Entry ${name}`}>
                {entry.lines.map((line, index) => (
                  <tr key={index}>
                    {index === 0 ? (
                      <th scope="rowgroup" rowSpan={entry.lines.length + 1}>
                        {name}
                        <span className="row-detail">
                          {entry.date} · {entry.reference}
                        </span>
                        <span className="row-detail">{entry.description}</span>
                      </th>
                    ) : null}
                    <td>
                      {line.account}
                      {line.auxAccount && <span className="row-detail">{line.auxAccount}</span>}
                    </td>
                    <td>{line.label ?? line.auxLabel ?? ''}</td>
                    <td>{sameAmount(line.debit, '0') ? '' : decimalText(line.debit)}</td>
                    <td>{sameAmount(line.credit, '0') ? '' : decimalText(line.credit)}</td>
                  </tr>
                ))}
                <tr className="entry-total">
                  <td colSpan={2}>{balance.balanced ? 'Balanced' : 'Not balanced'}</td>
                  <td>{balance.debit}</td>
                  <td>{balance.credit}</td>
                </tr>
              </tbody>
            );
          })}
        </table>
      </TableScroll>
    </>
  );
}
