/**
 * The PrestaShop versions the emulator can pretend to be, and what differs between them on the
 * wire (PRESTASHOP-WEBSERVICE.md §7) and in the resources' fields. The resource definitions are
 * 8.1.2's; an older version's definition is derived from them by leaving out the fields that
 * version does not have and adding the few it has under another name.
 *
 * The field differences come from each release's classes (`$definition` and
 * `$webserviceParameters`) in PrestaShop 1.6.1.24 and 1.7.8.11 (release trees of
 * `librasoft-fr/prestashop-versions`), compared with 8.1.2's; `docs/emulator.md` lists them.
 */
import type { EmuRecord } from './record.js';
import { textOf } from './record.js';
import type { AssociationDefinition, FieldDefinition, ResourceDefinition } from './resource-definition.js';

export type EmulatorVersion = '1.6.1' | '1.7.8' | '8.1' | '9.0';

export const EMULATOR_VERSIONS: readonly EmulatorVersion[] = ['1.6.1', '1.7.8', '8.1', '9.0'];

export interface VersionProfile {
  readonly version: EmulatorVersion;
  /** What `PSWS-Version` says. */
  readonly psws: string;
  /** PATCH is a known method (8.0+); 1.6 and 1.7 answer it 405, code 23. */
  readonly knowsPatch: boolean;
  /** New full-access keys hold PATCH (9.0); 8.1.2 keys are created without it (the recording shows `patch="false"`). */
  readonly patchInDefaultKeys: boolean;
  /** `PSWS-Version` only after a successful authentication (8.0+); 1.6 and 1.7 always send it. */
  readonly pswsOnlyWhenAuthenticated: boolean;
  /** `<x><![CDATA[]]></x>` (8.0+) or `<x></x>` for empty values. */
  readonly cdataAlways: boolean;
  /** Single-record JSON drops falsy fields (8.x+). */
  readonly dropFalsyInSingle: boolean;
  /** `Local-Content-Sha1` → 304 (8.0+; 1.6's dispatcher compares it with a value it never sets). */
  readonly contentSha1Cache: boolean;
  /**
   * 1.6's JSON (PHP 5, `WebserviceOutputJSON::overrideContent`): every value a string but `id`,
   * and `json_encode`'s `\uXXXX` escapes turned back into characters one by one with `iconv` —
   * a character outside the Basic Multilingual Plane (an emoji) makes `iconv` raise a notice,
   * which the webservice turns into a 500 (code 5).
   */
  readonly php5Json: boolean;
  /**
   * A list refused for its `display`/`filter`/`sort` goes on reading array offsets of `false`,
   * which PHP 7.4+ reports (8.x: four warnings, status 500); 1.6 runs on PHP 7.1 at most, which
   * says nothing: the refusal alone, status 400.
   */
  readonly falseOffsetWarnings: boolean;
  /** Fields (and associations, `association.field` for an association's sub-field) the version does not have. */
  readonly absentFields: Readonly<Record<string, readonly string[]>>;
  /** Fields only this version has, appended to the resource's fields. */
  readonly addedFields: Readonly<Record<string, readonly FieldDefinition[]>>;
}

/** The fields 1.7.8.11 lacks beside 8.1.2's. */
const ABSENT_IN_17: Readonly<Record<string, readonly string[]>> = {
  categories: ['additional_description'],
  combinations: ['available_now', 'available_later'],
  order_payments: ['id_employee'],
  products: ['unit_price'],
};

/** The fields 1.6.1.24 lacks beside 8.1.2's. */
const ABSENT_IN_16: Readonly<Record<string, readonly string[]>> = {
  carts: ['cart_rows.id_customization'],
  categories: ['additional_description'],
  combinations: ['available_now', 'available_later', 'isbn', 'mpn', 'low_stock_threshold', 'low_stock_alert'],
  currencies: ['names', 'symbol', 'numeric_iso_code', 'precision', 'unofficial', 'modified', 'pattern'],
  customers: ['reset_password_token', 'reset_password_validity'],
  languages: ['locale'],
  order_details: ['id_customization', 'product_isbn', 'product_mpn'],
  order_payments: ['id_employee'],
  orders: ['note', 'order_rows.id_customization', 'order_rows.product_isbn'],
  products: [
    'isbn',
    'mpn',
    'low_stock_threshold',
    'low_stock_alert',
    'product_type',
    'state',
    'show_condition',
    'additional_delivery_times',
    'delivery_in_stock',
    'delivery_out_stock',
    'id_type_redirected',
    'unit_price',
    'attachments',
    'product_bundle.id_product_attribute',
  ],
  shop_groups: ['color'],
  shops: ['color', 'theme_name'],
  stock_availables: ['location'],
};

/** The first language's text of a stored value (1.6 keeps as one text what 8.x made multilingual). */
function firstText(record: EmuRecord, field: string): string {
  const value = record.values[field];
  if (typeof value === 'object' && value !== null) return Object.values(value)[0] ?? '';
  return textOf(value);
}

/** Combination `quantity` and `location`: columns 1.7 still declares (deprecated), kept at 0 and ''. */
const OLD_COMBINATION_FIELDS: readonly FieldDefinition[] = [
  { name: 'quantity', format: 'isInt', json: 'number', derive: () => '0' },
  { name: 'location', format: 'isGenericName', maxSize: 255, json: 'string', derive: () => '' },
];

const ADDED_IN_16: Readonly<Record<string, readonly FieldDefinition[]>> = {
  combinations: OLD_COMBINATION_FIELDS,
  currencies: [
    {
      name: 'iso_code_num',
      format: 'isNumericIsoCode',
      json: 'string',
      derive: (r) => textOf(r.values.numeric_iso_code),
    },
    {
      name: 'sign',
      format: 'isGenericName',
      required: true,
      maxSize: 8,
      json: 'string',
      derive: (r) => firstText(r, 'symbol'),
    },
    { name: 'blank', format: 'isInt', json: 'number', derive: () => '1' },
    { name: 'format', format: 'isUnsignedInt', json: 'number', derive: () => '2' },
    {
      name: 'decimals',
      format: 'isBool',
      required: true,
      json: 'string',
      derive: (r) => (Number(textOf(r.values.precision)) > 0 ? '1' : '0'),
    },
  ],
  products: [
    {
      name: 'id_product_redirected',
      format: 'isUnsignedId',
      json: 'number',
      derive: (r) => textOf(r.values.id_type_redirected) || '0',
    },
  ],
  shops: [{ name: 'id_theme', format: 'isUnsignedId', required: true, json: 'number', derive: () => '1' }],
};

export function versionProfile(version: EmulatorVersion): VersionProfile {
  switch (version) {
    case '1.6.1':
      return {
        version,
        psws: '1.6.1.24',
        knowsPatch: false,
        patchInDefaultKeys: false,
        pswsOnlyWhenAuthenticated: false,
        cdataAlways: false,
        dropFalsyInSingle: false,
        contentSha1Cache: false,
        php5Json: true,
        falseOffsetWarnings: false,
        absentFields: ABSENT_IN_16,
        addedFields: ADDED_IN_16,
      };
    case '1.7.8':
      return {
        version,
        psws: '1.7.8.11',
        knowsPatch: false,
        patchInDefaultKeys: false,
        pswsOnlyWhenAuthenticated: false,
        cdataAlways: false,
        dropFalsyInSingle: false,
        contentSha1Cache: false,
        php5Json: false,
        falseOffsetWarnings: true,
        absentFields: ABSENT_IN_17,
        addedFields: { combinations: OLD_COMBINATION_FIELDS },
      };
    case '8.1':
      return {
        version,
        psws: '8.1.2',
        knowsPatch: true,
        patchInDefaultKeys: false,
        pswsOnlyWhenAuthenticated: true,
        cdataAlways: true,
        dropFalsyInSingle: true,
        contentSha1Cache: true,
        php5Json: false,
        falseOffsetWarnings: true,
        absentFields: {},
        addedFields: {},
      };
    case '9.0':
      return {
        version,
        psws: '9.0.0',
        knowsPatch: true,
        patchInDefaultKeys: true,
        pswsOnlyWhenAuthenticated: true,
        cdataAlways: true,
        dropFalsyInSingle: true,
        contentSha1Cache: true,
        php5Json: false,
        falseOffsetWarnings: true,
        absentFields: {},
        addedFields: {},
      };
  }
}

/** The release an emulated version answers as (`PSWS-Version`): `1.6.1.24`, `8.1.2`, … */
export function emulatorRelease(version: EmulatorVersion): string {
  return versionProfile(version).psws;
}

export function isEmulatorVersion(text: string): text is EmulatorVersion {
  return (EMULATOR_VERSIONS as readonly string[]).includes(text);
}

/** Short forms a user may type for each version (`1.6`, `1.6.1.24`, `8`, `8.1.2`, …). */
const VERSION_ALIASES: ReadonlyArray<readonly [string, EmulatorVersion]> = [
  ['1.6', '1.6.1'],
  ['1.7', '1.7.8'],
  ['8', '8.1'],
  ['9', '9.0'],
];

/**
 * The emulated version a user means: an exact profile name (`1.7.8`), a release of it
 * (`1.6.1.24`, `8.1.2`), or a major line (`1.6`, `1.7`, `8`, `9`). Undefined for anything else.
 *
 * @example
 * resolveEmulatorVersion('1.6.1.24'); // '1.6.1'
 */
export function resolveEmulatorVersion(text: string): EmulatorVersion | undefined {
  const wanted = text.trim();
  if (isEmulatorVersion(wanted)) return wanted;
  for (const version of EMULATOR_VERSIONS) {
    if (wanted.startsWith(`${version}.`) && /^[\d.]+$/.test(wanted)) return version;
  }
  return VERSION_ALIASES.find(([alias]) => alias === wanted)?.[1];
}

const versionedDefinitions = new Map<string, ResourceDefinition>();

/**
 * The definition of a resource as this version shows it: 8.1.2's without the fields the version
 * lacks, plus the ones only it has. Cached per version and resource.
 */
export function definitionForVersion(
  profile: VersionProfile,
  definition: ResourceDefinition,
): ResourceDefinition {
  const absent = profile.absentFields[definition.name] ?? [];
  const added = profile.addedFields[definition.name] ?? [];
  if (absent.length === 0 && added.length === 0) return definition;
  const key = `${profile.version}:${definition.name}`;
  const cached = versionedDefinitions.get(key);
  if (cached !== undefined) return cached;
  const gone = new Set(absent);
  const associations: AssociationDefinition[] = definition.associations
    .filter((association) => !gone.has(association.name))
    .map((association) => ({
      ...association,
      fields: association.fields.filter((field) => !gone.has(`${association.name}.${field.name}`)),
    }));
  const derived: ResourceDefinition = {
    ...definition,
    fields: [...definition.fields.filter((field) => !gone.has(field.name)), ...added],
    associations,
  };
  versionedDefinitions.set(key, derived);
  return derived;
}
