import type { LocalizedText, Store, StoreLanguage } from '../hub/index.js';
import {
  isLanguageText,
  type PrestaShopClient,
  type PsFieldValue,
  type PsLanguageText,
  type PsRecord,
} from '../webservice/index.js';
import { FeedPreconditionError } from './feed-errors.js';

/**
 * A store's languages: its language ids (what the webservice writes) and their ISO codes (what the
 * hub keys text by), with the default language. Multilingual fields come from the store as
 * `{ [languageId]: text }` and go to the hub as `{ [iso]: text }` ({@link LocalizedText}).
 *
 * @example
 * const languages = await StoreLanguages.load(store, client);
 * languages.text({ 1: 'Mug', 2: 'Tasse' }); // { en: 'Mug', fr: 'Tasse' }
 * languages.defaultText({ 1: 'Mug', 2: 'Tasse' }); // 'Mug'
 * languages.toStore({ en: 'Mug', fr: 'Tasse' }); // { 1: 'Mug', 2: 'Tasse' }
 */
export class StoreLanguages {
  /** The store's default language id. */
  readonly defaultId: number;
  readonly #isoById: ReadonlyMap<number, string>;
  readonly #idByIso: ReadonlyMap<string, number>;

  constructor(languages: readonly StoreLanguage[], defaultId?: number | null) {
    if (languages.length === 0) {
      throw new FeedPreconditionError('A store needs at least one language to map multilingual fields.');
    }
    const sorted = [...languages].sort((a, b) => a.id - b.id);
    this.#isoById = new Map(sorted.map((language) => [language.id, language.iso.toLowerCase()]));
    this.#idByIso = new Map(sorted.map((language) => [language.iso.toLowerCase(), language.id]));
    const fallback = sorted[0]?.id ?? 1;
    this.defaultId = defaultId != null && this.#isoById.has(defaultId) ? defaultId : fallback;
  }

  /**
   * The languages of `store`: from its record when it knows them (set when the store was added),
   * else read from the store (`languages`, and `PS_LANG_DEFAULT` when the record has no default).
   */
  static async load(store: Store, client: PrestaShopClient): Promise<StoreLanguages> {
    if (store.languages.length > 0) return new StoreLanguages(store.languages, store.languageId);
    const rows = await client.list('languages', { display: ['iso_code'] });
    const languages = rows.map((row) => ({ id: row.id, iso: String(row.iso_code) }));
    let defaultId = store.languageId;
    if (defaultId === null) {
      const [config] = await client.list('configurations', {
        display: ['name', 'value'],
        filter: { name: 'PS_LANG_DEFAULT' },
      });
      const value = Number(config?.value);
      defaultId = Number.isInteger(value) && value > 0 ? value : null;
    }
    return new StoreLanguages(languages, defaultId);
  }

  /** ISO code of the default language. */
  get defaultIso(): string {
    return this.#isoById.get(this.defaultId) ?? '';
  }

  /** Every language, id order. */
  get all(): StoreLanguage[] {
    return [...this.#isoById].map(([id, iso]) => ({ id, iso }));
  }

  isoOf(languageId: number): string | undefined {
    return this.#isoById.get(languageId);
  }

  idOf(iso: string): number | undefined {
    return this.#idByIso.get(iso.toLowerCase());
  }

  /**
   * A multilingual field as hub text, keyed by ISO code, in the store's language order. Languages the
   * store no longer has are left out; plain text (a field read with one language in scope) is the
   * default language's.
   */
  text(value: PsFieldValue | PsRecord[string]): LocalizedText {
    if (typeof value === 'string' || typeof value === 'number') {
      return { [this.defaultIso]: String(value) };
    }
    if (!isLanguageText(value)) return {};
    const text: Record<string, string> = {};
    for (const [id, iso] of this.#isoById) {
      const entry = value[id];
      if (typeof entry === 'string') text[iso] = entry;
    }
    return text;
  }

  /** The text in the default language, else the first language that has some, else `''`. */
  defaultText(value: PsFieldValue | PsRecord[string]): string {
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    if (!isLanguageText(value)) return '';
    const preferred = value[this.defaultId];
    if (typeof preferred === 'string' && preferred.trim() !== '') return preferred;
    for (const id of this.#isoById.keys()) {
      const entry = value[id];
      if (typeof entry === 'string' && entry.trim() !== '') return entry;
    }
    return '';
  }

  /** Hub text back to the store's form, for writes; languages the store does not have are left out. */
  toStore(text: LocalizedText): PsLanguageText {
    const out: Record<number, string> = {};
    for (const [iso, entry] of Object.entries(text)) {
      const id = this.#idByIso.get(iso.toLowerCase());
      if (id !== undefined) out[id] = entry;
    }
    return out;
  }
}
