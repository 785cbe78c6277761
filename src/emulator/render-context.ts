import type { EmuRecord } from './record.js';
import type { FieldDefinition, ResourceDefinition } from './resource-definition.js';

/** Which fields of a record an answer shows (`display=`). */
export type Display =
  | { readonly kind: 'minimum' }
  | { readonly kind: 'full' }
  | {
      readonly kind: 'fields';
      readonly fields: ReadonlySet<string>;
      /** Association name → sub-fields asked for (`display=[id,associations[categories[id]]]` style parts). */
      readonly associations: ReadonlyMap<string, readonly string[]>;
    };

export const DISPLAY_FULL: Display = { kind: 'full' };

/** What the renderers need to know about the request and the emulated store version. */
export interface RenderContext {
  /** `http://127.0.0.1:8081/api/`: every `xlink:href` starts with it. */
  readonly apiUrl: string;
  /** Language ids in scope (all store languages, or those of `language=`). */
  readonly languages: readonly number[];
  /**
   * How each language id is written in JSON `{"id":…}`: PHP keeps the ids of `language=[1|2]` as
   * the strings it split (`"id":"1"`), those of `language=2` or of the store as integers.
   */
  readonly languageJsonIds?: ReadonlyMap<number, string>;
  /** 8.x writes `<x><![CDATA[]]></x>` for an empty value; 1.7 writes `<x></x>`. */
  readonly cdataAlways: boolean;
  /** 8.x drops `""`, `"0"`, `0`, `null` fields from single-record JSON answers. */
  readonly dropFalsyInSingle: boolean;
  /** 1.6's JSON: every value a string but `id` (see `VersionProfile.php5Json`). */
  readonly php5Json?: boolean;
  /** Whether `name` is a webservice resource (association entries named after one carry `xlink:href`). */
  readonly isResource: (name: string) => boolean;
  /** Whether `id` of `definition` is the record the store keeps in its request context (JSON rule 4). */
  readonly isContextRecord: (definition: ResourceDefinition, id: number) => boolean;
}

/** One record as an answer shows it. */
export interface RecordView {
  readonly record: EmuRecord;
  /** Virtual fields (`price[final_price][use_tax]=1` → `final_price`), appended after the fields. */
  readonly virtual?: ReadonlyArray<readonly [string, string]>;
  /**
   * Set when the record is echoed after a POST/PUT: PrestaShop renders the object it just saved,
   * not a reloaded row, so plain values are JSON strings and only the multilingual fields the body
   * carried keep `xlink:href` on their `<language>` nodes.
   */
  readonly echo?: { readonly langXlink: ReadonlySet<string> };
}

export type SchemaKind = 'blank' | 'synopsis';

/** Fields shown for a record under `display` (definition order; hidden fields never). */
export function displayedFields(definition: ResourceDefinition, display: Display): FieldDefinition[] {
  const visible = definition.fields.filter((field) => field.hidden !== true);
  if (display.kind !== 'fields') return visible;
  return visible.filter((field) => display.fields.has(field.name));
}

/** Whether the associations block is rendered, and which associations with which sub-fields. */
export function displayedAssociations(
  definition: ResourceDefinition,
  display: Display,
): Array<{ name: string; subFields: readonly string[] | undefined }> {
  if (display.kind === 'minimum') return [];
  if (display.kind === 'full')
    return definition.associations.map((a) => ({ name: a.name, subFields: undefined }));
  const out: Array<{ name: string; subFields: readonly string[] | undefined }> = [];
  for (const association of definition.associations) {
    const sub = display.associations.get(association.name);
    if (sub !== undefined) out.push({ name: association.name, subFields: sub });
  }
  return out;
}

/** Fields a schema shows: `blank` leaves out what is declared read-only, `synopsis` leaves out `id`. */
export function schemaFields(definition: ResourceDefinition, kind: SchemaKind): FieldDefinition[] {
  return definition.fields.filter((field) => {
    if (field.hidden === true) return false;
    if (kind === 'synopsis') return field.name !== 'id';
    return field.readOnlyAttribute !== true;
  });
}

/** PHP truthiness of a stored scalar: `''`, `'0'`, null and false are false. */
export function isPhpFalsy(value: string | null | false | undefined): boolean {
  return value === undefined || value === null || value === false || value === '' || value === '0';
}
