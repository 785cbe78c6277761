import { InvalidRequestError } from './invalid-request-error.js';
import type { PsLanguageText, PsWriteAssociationEntry, PsWriteFields } from './ps-record.js';
import { elementValue, type XmlElement } from './xml-stream-reader.js';

type FieldValue = { kind: 'text'; text: string } | { kind: 'languages'; texts: Map<number, string> };

interface Association {
  readonly name: string;
  /** Element name of each entry (`category`, `order_row`). */
  readonly entryName: string;
  entries: Array<Array<[string, string]>>;
}

/**
 * A record being written, in the element order the store uses: built from the store's own XML
 * (a `schema=blank` template or a GET), changed field by field, then written as the XML body of
 * a POST or PUT. Values go into CDATA unchanged — never re-indented or trimmed, since the store
 * validates them as sent.
 */
export class RecordDocument {
  private constructor(
    readonly resource: string,
    /** The record element (`product`). */
    readonly element: string,
    private readonly fields: Map<string, FieldValue>,
    private readonly associations: Map<string, Association>,
    /** Associations the body will carry: each one sent replaces the record's whole set. */
    private readonly sentAssociations: Set<string>,
  ) {}

  /** Reads a record element (`<product>…</product>`) of a blank schema or a GET answer. */
  static fromElement(resource: string, element: XmlElement): RecordDocument {
    const fields = new Map<string, FieldValue>();
    const associations = new Map<string, Association>();
    for (const child of element.children) {
      if (child.name === 'associations') {
        for (const association of child.children) {
          const entryName =
            association.attributes.nodeType ?? association.children[0]?.name ?? singularOf(association.name);
          associations.set(association.name, {
            name: association.name,
            entryName,
            entries: association.children.map((entry) =>
              entry.children.map((sub): [string, string] => [sub.name, elementValue(sub)]),
            ),
          });
        }
      } else if (child.children[0]?.name === 'language') {
        const texts = new Map<number, string>();
        for (const language of child.children)
          texts.set(Number(language.attributes.id), elementValue(language));
        fields.set(child.name, { kind: 'languages', texts });
      } else {
        fields.set(child.name, { kind: 'text', text: elementValue(child) });
      }
    }
    return new RecordDocument(resource, element.name, fields, associations, new Set());
  }

  has(field: string): boolean {
    return this.fields.has(field);
  }

  fieldNames(): string[] {
    return [...this.fields.keys()];
  }

  remove(field: string): void {
    this.fields.delete(field);
  }

  /** Drops placeholder association entries (a blank schema's `<category><id/></category>`). */
  clearAssociations(): void {
    for (const association of this.associations.values()) association.entries = [];
  }

  /**
   * Applies the caller's fields. A plain string for a multilingual field sets every language;
   * a `{ languageId: text }` map changes only those languages. Associations given replace the
   * record's set and are the only ones the body carries.
   */
  apply(fields: PsWriteFields): void {
    for (const [name, value] of Object.entries(fields)) {
      if (name === 'associations') {
        if (value !== undefined) this.applyAssociations(value as NonNullable<PsWriteFields['associations']>);
        continue;
      }
      if (name === 'id') continue;
      const current = this.fields.get(name);
      if (!current) {
        const known = this.fieldNames().join(', ');
        throw new InvalidRequestError(`"${name}" is not a field of ${this.resource} (its fields: ${known})`);
      }
      if (typeof value === 'object' && value !== null) {
        if (current.kind !== 'languages') {
          throw new InvalidRequestError(
            `"${name}" of ${this.resource} is not multilingual; give it plain text`,
          );
        }
        for (const [language, text] of Object.entries(value as PsLanguageText)) {
          current.texts.set(Number(language), String(text));
        }
      } else {
        const text = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
        if (current.kind === 'languages') {
          for (const language of current.texts.keys()) current.texts.set(language, text);
        } else {
          this.fields.set(name, { kind: 'text', text });
        }
      }
    }
  }

  private applyAssociations(associations: NonNullable<PsWriteFields['associations']>): void {
    for (const [name, entries] of Object.entries(associations)) {
      const association = this.associations.get(name);
      if (!association) {
        const known = [...this.associations.keys()].join(', ') || 'none';
        throw new InvalidRequestError(
          `"${name}" is not an association of ${this.resource} (its associations: ${known})`,
        );
      }
      association.entries = entries.map((entry: PsWriteAssociationEntry) =>
        Object.entries(entry).map(([sub, value]): [string, string] => [sub, String(value)]),
      );
      this.sentAssociations.add(name);
    }
  }

  /** The XML body: `<prestashop><product>…</product></prestashop>`. */
  toXml(): string {
    const lines = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">',
    ];
    lines.push(`<${checkedName(this.element)}>`);
    for (const [name, value] of this.fields) {
      const tag = checkedName(name);
      if (value.kind === 'text') {
        lines.push(`<${tag}>${cdata(value.text)}</${tag}>`);
      } else {
        const languages = [...value.texts].map(
          ([id, text]) => `<language id="${id}">${cdata(text)}</language>`,
        );
        lines.push(`<${tag}>${languages.join('')}</${tag}>`);
      }
    }
    const sent = [...this.associations.values()].filter((association) =>
      this.sentAssociations.has(association.name),
    );
    if (sent.length > 0) {
      lines.push('<associations>');
      for (const association of sent) {
        const tag = checkedName(association.name);
        const entryTag = checkedName(association.entryName);
        lines.push(`<${tag}>`);
        for (const entry of association.entries) {
          const subs = entry.map(
            ([sub, text]) => `<${checkedName(sub)}>${cdata(text)}</${checkedName(sub)}>`,
          );
          lines.push(`<${entryTag}>${subs.join('')}</${entryTag}>`);
        }
        lines.push(`</${tag}>`);
      }
      lines.push('</associations>');
    }
    lines.push(`</${checkedName(this.element)}>`, '</prestashop>', '');
    return lines.join('\n');
  }
}

// Characters XML 1.0 cannot carry at all, even in CDATA.
// eslint-disable-next-line no-control-regex
const forbiddenCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** A value in CDATA, with `]]>` split across two sections so it cannot end the section early. */
export function cdata(text: string): string {
  if (forbiddenCharacters.test(text)) {
    throw new InvalidRequestError('a value holds a control character that XML cannot carry');
  }
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

export function checkedName(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/i.test(name)) throw new InvalidRequestError(`"${name}" is not a valid field name`);
  return name;
}

/** A resource's record element: `stock_availables` → `stock_available`, `categories` → `category`. */
export function singularOf(plural: string): string {
  if (plural.endsWith('ies')) return `${plural.slice(0, -3)}y`;
  if (plural.endsWith('s')) return plural.slice(0, -1);
  return plural;
}
