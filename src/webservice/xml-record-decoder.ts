import {
  type PsAssociationEntry,
  type PsAssociations,
  type PsFieldValue,
  type PsRecord,
  textIn,
} from './ps-record.js';
import { elementValue, type XmlElement, XmlReadError, XmlStreamReader } from './xml-stream-reader.js';

type MutableRecord = Record<string, PsFieldValue | number | PsAssociations | undefined>;

/**
 * Turns one record element (`<product>…</product>`, or a list item `<product id="1" …/>`) into a
 * normalized {@link PsRecord}.
 */
export function recordFromElement(element: XmlElement): PsRecord {
  const record: MutableRecord = {};
  const idAttribute = element.attributes.id;
  if (idAttribute !== undefined && element.children.length === 0) {
    record.id = parseId(idAttribute, element.name);
    return record as PsRecord;
  }
  for (const child of element.children) {
    if (child.name === 'associations') {
      record.associations = associationsFromElement(child);
    } else if (child.name === 'id') {
      const value = elementValue(child);
      if (value !== '') record.id = parseId(value, element.name);
    } else {
      record[child.name] = fieldValue(child);
    }
  }
  return record as PsRecord;
}

function fieldValue(element: XmlElement): PsFieldValue {
  const first = element.children[0];
  if (first?.name === 'language') {
    const text: Record<number, string> = {};
    for (const language of element.children) {
      const id = language.attributes.id;
      if (language.name === 'language' && id !== undefined)
        text[parseId(id, 'language')] = elementValue(language);
    }
    return text;
  }
  return elementValue(element);
}

function associationsFromElement(element: XmlElement): PsAssociations {
  const associations: Record<string, PsAssociationEntry[]> = {};
  for (const association of element.children) {
    associations[association.name] = association.children.map(entryFromElement);
  }
  return associations;
}

function entryFromElement(element: XmlElement): PsAssociationEntry {
  const entry: Record<string, string | number> = {};
  for (const child of element.children) {
    const value = fieldValue(child);
    const text = textIn(value);
    if (child.name === 'id') {
      if (text !== '') entry.id = parseId(text, element.name);
    } else {
      entry[child.name] = text;
    }
  }
  return entry;
}

function parseId(text: string, where: string): number {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) throw new XmlReadError(`the id of a <${where}> is not a number: "${text}"`);
  return Number(trimmed);
}

/**
 * Streaming decoder for a list response (`<prestashop><products><product>…`): feed it the body
 * chunk by chunk; each record is normalized and handed out as soon as its element closes, then
 * dropped from the tree, so memory holds one record at a time plus what the caller keeps.
 *
 * An `<errors>` document is kept whole instead; `close()` returns it for the error factory.
 */
export class XmlListDecoder {
  private readonly reader: XmlStreamReader;
  private ready: PsRecord[] = [];

  constructor() {
    this.reader = new XmlStreamReader((element, depth, parent) => {
      if (depth !== 2 || parent === undefined || parent.name === 'errors') return false;
      this.ready.push(recordFromElement(element));
      return true;
    });
  }

  write(chunk: string): void {
    this.reader.write(chunk);
  }

  /** Records completed since the last call. */
  take(): PsRecord[] {
    const records = this.ready;
    this.ready = [];
    return records;
  }

  /** Ends the body and returns the root element, which still holds `<errors>` if the store sent any. */
  close(): XmlElement {
    const root = this.reader.close();
    if (root.name !== 'prestashop') {
      throw new XmlReadError(`expected a <prestashop> document, found <${root.name}>`);
    }
    return root;
  }
}

/** Reads a single-record document (`<prestashop><product>…</product></prestashop>`). */
export function recordFromDocument(root: XmlElement): PsRecord | undefined {
  if (root.name !== 'prestashop') return undefined;
  const element = root.children[0];
  if (!element || element.name === 'errors') return undefined;
  return recordFromElement(element);
}
