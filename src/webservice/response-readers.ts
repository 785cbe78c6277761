import type { PsRecord } from './ps-record.js';
import type { WireResponse } from './transport.js';
import { recordFromDocument, recordFromElement, XmlListDecoder } from './xml-record-decoder.js';
import { childNamed, readXml, type XmlElement } from './xml-stream-reader.js';

/*
 * Readers of successful answers, run by the transport while the attempt is open. An error thrown
 * here (empty body, HTML page, malformed XML) becomes an UnparseableResponseError quoting the
 * start of the body.
 */

/** The whole body as UTF-8 text. */
export async function bodyText(response: WireResponse): Promise<string> {
  // Decoded once from the whole body: chunk by chunk, a page of thousands of records becomes a
  // string of hundreds of pieces that JSON.parse must flatten first.
  return new TextDecoder('utf-8', { fatal: true }).decode(await bodyBytes(response));
}

/** The whole body as bytes. */
export async function bodyBytes(response: WireResponse): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of response.body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Reads the body to its end and ignores it (DELETE, HEAD), so the connection can be reused. */
export async function drain(response: WireResponse): Promise<void> {
  for await (const chunk of response.body) void chunk;
}

/** A small XML document read whole (a record, a schema, the `/api/` listing). */
export async function readXmlDocument(response: WireResponse): Promise<XmlElement> {
  const type = response.headers['content-type'] ?? '';
  const text = await bodyText(response);
  if (text.trim() === '') throw new Error('the body is empty');
  if (type.includes('html') && !text.trimStart().startsWith('<?xml'))
    throw new Error('an HTML page instead of XML');
  return readXml(text);
}

/** The record of a single-record answer (`<prestashop><product>…`). */
export function readXmlRecord(resource: string): (response: WireResponse) => Promise<PsRecord> {
  return async (response) => recordOfDocument(await readXmlDocument(response), resource);
}

/** The record element of a single-record answer, for writes that start from it. */
export function readXmlRecordElement(resource: string): (response: WireResponse) => Promise<XmlElement> {
  return async (response) => {
    const element = (await readXmlDocument(response)).children[0];
    if (!element || element.name === 'errors') throw new Error(`the answer holds no ${resource} record`);
    return element;
  };
}

/**
 * A list answer, decoded as it streams in: each record is normalized when its element closes
 * and the raw text is never held whole.
 */
export async function readXmlRecords(response: WireResponse): Promise<PsRecord[]> {
  const decoder = new XmlListDecoder();
  const text = new TextDecoder('utf-8', { fatal: true });
  const records: PsRecord[] = [];
  for await (const chunk of response.body) {
    decoder.write(text.decode(chunk, { stream: true }));
    for (const record of decoder.take()) records.push(record);
  }
  decoder.write(text.decode());
  const root = decoder.close();
  records.push(...decoder.take());
  if (root.children[0]?.name === 'errors') throw new Error('the store answered with an <errors> document');
  return records;
}

function recordOfDocument(root: XmlElement, resource: string): PsRecord {
  // With a `display` list, a single record comes in the list shape (`<products><product>`).
  const first = root.children[0];
  const listed =
    first?.name === resource &&
    first.children[0] !== undefined &&
    childNamed(first.children[0], 'id') !== undefined;
  const record =
    listed && first.children[0] ? recordFromElement(first.children[0]) : recordFromDocument(root);
  if (!record) throw new Error(`the answer holds no ${resource} record`);
  return record;
}
