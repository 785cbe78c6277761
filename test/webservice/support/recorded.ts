import { recordFromJson, recordsFromJson } from '../../../src/webservice/json-record-decoder.js';
import type { PsRecord } from '../../../src/webservice/ps-record.js';
import { displayedAssociations, type PsQuery } from '../../../src/webservice/query.js';
import { knownResource } from '../../../src/webservice/resource-catalog.js';
import { recordFromDocument, XmlListDecoder } from '../../../src/webservice/xml-record-decoder.js';
import { readXml } from '../../../src/webservice/xml-stream-reader.js';
import { readFixture } from '../../support/fixtures.js';

/**
 * Decodes a recorded XML list the way the client reads a response: fed in small chunks (so that
 * CDATA sections, delimiters and multi-byte characters are cut), records handed out as they close.
 */
export function xmlList(text: string, chunkSize = 61): PsRecord[] {
  const decoder = new XmlListDecoder();
  const records: PsRecord[] = [];
  for (let start = 0; start < text.length; start += chunkSize) {
    decoder.write(text.slice(start, start + chunkSize));
    records.push(...decoder.take());
  }
  decoder.close();
  records.push(...decoder.take());
  return records;
}

/**
 * The customer the real 8.1.2 store accepted in `writes/customers.post.request.xml` (built on its
 * blank schema): what a create must send to give that body.
 */
export const RECORDED_CUSTOMER = {
  id_default_group: 3,
  id_lang: 1,
  deleted: false,
  passwd: 'Sync!Test123',
  lastname: 'Tester',
  firstname: 'Real',
  email: 'real.tester@example.com',
  id_gender: 1,
  birthday: '1990-01-31',
  newsletter: false,
  optin: false,
  active: true,
  is_guest: false,
  id_shop: 1,
  id_shop_group: 1,
  associations: { groups: [{ id: 3 }] },
};

export function xmlRecord(text: string): PsRecord {
  const record = recordFromDocument(readXml(text));
  if (!record) throw new Error('no record in the document');
  return record;
}

export function jsonList(
  text: string,
  resource: string,
  display: PsQuery['display'],
  language?: number,
): PsRecord[] {
  return recordsFromJson(JSON.parse(text), {
    resource,
    displayedAssociations: displayedAssociations(display, knownResource(resource)?.associations ?? []),
    ...(language === undefined ? {} : { collapsedLanguageId: language }),
  });
}

export function jsonRecord(text: string, resource: string, language?: number): PsRecord {
  return recordFromJson(JSON.parse(text), {
    resource,
    displayedAssociations: displayedAssociations('full', knownResource(resource)?.associations ?? []),
    ...(language === undefined ? {} : { collapsedLanguageId: language }),
  });
}

/** A recorded response whose status line and headers are in the same file as the body (`*.txt`). */
export function recordedHttpText(name: string): {
  status: number;
  headers: Record<string, string>;
  body: string;
} {
  const raw = readFixture(name);
  const split = raw.search(/\r?\n\r?\n/);
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const [statusLine = '', ...lines] = head.split(/\r?\n/);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}
