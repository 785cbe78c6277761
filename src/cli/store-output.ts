import { type PsFieldValue, type PsRecord, type StoreProbe, textIn } from '../webservice/index.js';
import { formatKeyValues, formatTable } from './table-format.js';

/** Records as a table: id, then the displayed fields; language fields in the first language. */
export function recordsTable(records: readonly PsRecord[]): string {
  const fields: string[] = [];
  for (const record of records) {
    for (const field of Object.keys(record)) {
      if (field !== 'id' && field !== 'associations' && !fields.includes(field)) fields.push(field);
    }
  }
  const associations = [...new Set(records.flatMap((record) => Object.keys(record.associations ?? {})))];
  const headers = ['id', ...fields, ...associations];
  const rows = records.map((record) => [
    String(record.id),
    ...fields.map((field) => cellText(record[field])),
    ...associations.map((name) => String(record.associations?.[name]?.length ?? 0)),
  ]);
  return formatTable(headers, rows, { alignRight: [0] });
}

/** One record as field / value lines; associations as their entry ids. */
export function recordDetails(record: PsRecord): string {
  const pairs: Array<[string, string]> = [];
  for (const [field, value] of Object.entries(record)) {
    if (field !== 'associations') pairs.push([field, cellText(value)]);
  }
  for (const [name, entries] of Object.entries(record.associations ?? {})) {
    const ids = entries.map((entry) => (entry.id === undefined ? JSON.stringify(entry) : String(entry.id)));
    pairs.push([`associations.${name}`, ids.length === 0 ? '(none)' : ids.join(', ')]);
  }
  return formatKeyValues(pairs);
}

/** The probe as text: store, version, and every resource with its verbs. */
export function probeReport(probe: StoreProbe, apiUrl: string): string {
  const verbs = ['GET', 'PUT', 'POST', 'PATCH', 'DELETE', 'HEAD'] as const;
  const summary = formatKeyValues([
    ['Store', probe.shopName ?? '(name not given)'],
    ['PrestaShop', probe.version ?? '(version not given)'],
    ['Webservice', apiUrl],
    ['Key sent as', probe.authMethod === 'basic' ? 'HTTP Basic (Authorization header)' : 'ws_key parameter'],
    ['Resources', `${probe.resources.length} available to this key`],
  ]);
  const table = formatTable(
    ['resource', ...verbs],
    probe.resources.map((access) => [
      access.resource,
      ...verbs.map((verb) => (access.verbs.includes(verb) ? 'yes' : '-')),
    ]),
  );
  return `${summary}\n${table}`;
}

function cellText(value: PsRecord[string]): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  // A multilingual field: the first language (lowest id).
  const first = Math.min(...Object.keys(value).map(Number));
  return textIn(value as PsFieldValue, first);
}
