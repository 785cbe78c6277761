import { type XmlElement } from './xml-stream-reader.js';

/** One field of a resource as the store describes it (`schema=synopsis`, or `blank`). */
export interface PsSchemaField {
  readonly name: string;
  readonly multilingual: boolean;
  /** `required="true"`: a write without it fails (code 41). Only a synopsis says. */
  readonly required: boolean;
  /** `readOnly="true"`: a write carrying it fails (code 93). Only a synopsis says. */
  readonly readOnly: boolean;
  readonly maxSize?: number;
  /** The validation rule, e.g. `isUnsignedId`, `isPrice`. */
  readonly format?: string;
}

/** A resource's shape, read from the store itself. */
export interface PsSchema {
  readonly resource: string;
  /** The element of one record (`product`). */
  readonly element: string;
  readonly fields: readonly PsSchemaField[];
  readonly associations: ReadonlyArray<{
    readonly name: string;
    /** The element of one entry (`category`). */
    readonly entry: string;
    readonly fields: readonly PsSchemaField[];
  }>;
}

/** Reads the record element of a `schema=blank` or `schema=synopsis` answer. */
export function schemaFromElement(resource: string, element: XmlElement): PsSchema {
  const fields: PsSchemaField[] = [];
  const associations: Array<PsSchema['associations'][number]> = [];
  for (const child of element.children) {
    if (child.name !== 'associations') {
      fields.push(fieldOf(child));
      continue;
    }
    for (const association of child.children) {
      const entry = association.children[0];
      associations.push({
        name: association.name,
        entry: association.attributes.nodeType ?? entry?.name ?? association.name,
        fields: (entry?.children ?? []).map(fieldOf),
      });
    }
  }
  return { resource, element: element.name, fields, associations };
}

function fieldOf(element: XmlElement): PsSchemaField {
  const { required, readOnly, maxSize, format } = element.attributes;
  return {
    name: element.name,
    multilingual: element.children[0]?.name === 'language',
    required: required === 'true',
    readOnly: readOnly === 'true',
    ...(maxSize === undefined ? {} : { maxSize: Number(maxSize) }),
    ...(format === undefined ? {} : { format }),
  };
}
