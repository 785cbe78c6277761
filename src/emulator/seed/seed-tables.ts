/**
 * The tables a seed fills. Small reference tables are materialized record by record (`put`);
 * big ones rest on generated bases (`base`). Resources without a definition are skipped, so a
 * seed never needs to know which resources the emulator models.
 */
import { completeValues } from '../field-values.js';
import type { AssociationEntry, FieldValue, LangValues } from '../record.js';
import { type BaseRows, RecordTable } from '../record-table.js';
import { resourceDefinitions } from '../resources/index.js';
import type { Bilingual } from './word-lists.js';

export type SeedValues = Readonly<Record<string, FieldValue | Bilingual | undefined>>;

export class SeedTables {
  readonly tables = new Map<string, RecordTable>();
  readonly languages: readonly number[];
  readonly #bases = new Map<string, BaseRows>();

  constructor(languages: readonly number[]) {
    this.languages = languages;
    for (const name of resourceDefinitions.keys()) {
      if (name !== 'images') this.tables.set(name, new RecordTable(name));
    }
  }

  /** Multilingual text from an `{ en, fr }` pair (or one text for every language). */
  lang(text: Bilingual | string): LangValues {
    const out: Record<number, string> = {};
    for (const id of this.languages) out[id] = typeof text === 'string' ? text : id === 2 ? text.fr : text.en;
    return out;
  }

  /** Completes `values` over the resource's fields (missing fields take their empty value). */
  complete(resource: string, values: SeedValues): Record<string, FieldValue> {
    const definition = resourceDefinitions.get(resource);
    if (definition === undefined) return {};
    const converted: Record<string, FieldValue | undefined> = {};
    for (const [name, value] of Object.entries(values)) {
      converted[name] = isBilingual(value) ? this.lang(value) : value;
    }
    return completeValues(definition, converted, this.languages);
  }

  /** Adds one record with a chosen id (ids must come in increasing order per resource). */
  put(
    resource: string,
    id: number,
    values: SeedValues,
    associations: Readonly<Record<string, readonly AssociationEntry[]>> = {},
  ): void {
    const table = this.tables.get(resource);
    if (table === undefined) return;
    table.insertAt({ id, values: this.complete(resource, values), associations });
  }

  /** Replaces a resource's table by one resting on a generated base. */
  base(resource: string, base: BaseRows): RecordTable | undefined {
    if (!resourceDefinitions.has(resource)) return undefined;
    const table = new RecordTable(resource, base);
    this.tables.set(resource, table);
    this.#bases.set(resource, base);
    return table;
  }

  /** The generated base of a resource, for a seed step that builds on another's rows. */
  baseOf(resource: string): BaseRows | undefined {
    return this.#bases.get(resource);
  }
}

function isBilingual(value: unknown): value is Bilingual {
  return typeof value === 'object' && value !== null && 'en' in value && 'fr' in value;
}

/** `[{ id: '1' }, { id: '2' }]` from ids. */
export function idEntries(ids: Iterable<number>): AssociationEntry[] {
  return [...ids].map((id) => ({ id: String(id) }));
}
