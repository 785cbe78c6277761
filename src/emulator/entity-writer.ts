/**
 * POST, PUT, PATCH and DELETE on a resource, following `WebserviceRequest::saveEntityFromXml`:
 * ids checked first (91, 90, 89, 92), then each field in definition order (93 for read-only, 41
 * for a missing required field; a PUT empties what the body left out, in every language for
 * multilingual fields), then validation (84, 85), the save, and the associations (each one sent
 * replaces the set; 86 for an unknown one). The answer renders the object as PrestaShop holds it
 * after the save: texts as sent.
 */
import type { ReadContext } from './entity-reader.js';
import { emptyValue, mergeLanguages } from './field-values.js';
import { jsonSingle } from './json-renderer.js';
import { phpInt } from './list-query.js';
import type { AssociationEntry, EmuRecord, FieldValue } from './record.js';
import { textOf } from './record.js';
import { DISPLAY_FULL, type RecordView } from './render-context.js';
import type { FieldDefinition, ResourceDefinition } from './resource-definition.js';
import { membershipWith, SHOP_MEMBERSHIP } from './shop-scope.js';
import { passesFormat } from './validators.js';
import {
  CLASS_NAMES,
  ECHO_SAVED,
  EMPTY_AFTER_WRITE,
  OBJECT_DEFAULTS,
  setterWarning,
} from './write-knowledge.js';
import type { WsErrorEntry } from './ws-error.js';
import { errorsOutcome, type WsOutcome } from './ws-outcome.js';
import { childNamed, readXml, unreadableXmlErrors, type XmlNode } from './xml-body-reader.js';
import { xmlDocument, xmlRecord } from './xml-renderer.js';

export type WriteMethod = 'POST' | 'PUT' | 'PATCH';

class WriteRefusal extends Error {
  constructor(
    readonly status: number,
    readonly entries: readonly WsErrorEntry[],
  ) {
    super(entries[0]?.message ?? 'refused');
  }
}

function refuse(status: number, code: number, message: string): never {
  throw new WriteRefusal(status, [{ code, message }]);
}

/** `Property Customer->lastname is not valid`, with the `->` HTML-escaped as PrestaShop sends it. */
function property(definition: ResourceDefinition, field: string): string {
  return `Property ${CLASS_NAMES[definition.name] ?? definition.singular}-&gt;${field}`;
}

function validateFields(
  ctx: ReadContext,
  definition: ResourceDefinition,
  values: Readonly<Record<string, FieldValue | undefined>>,
): void {
  const defaultLanguage = ctx.store.contextId('default-language');
  for (const field of definition.fields) {
    if (field.name === 'id' || field.multilingual !== true) continue;
    const value = values[field.name];
    const texts = typeof value === 'object' && value !== null ? value : {};
    if (
      field.required === true &&
      (texts[defaultLanguage] ?? (typeof value === 'string' ? value : '')) === ''
    ) {
      const language = ctx.store.get('languages', defaultLanguage);
      refuse(
        400,
        84,
        `Validation error: "The field ${field.name} is required at least in ${textOf(language?.values.name) || 'English (English)'}."`,
      );
    }
    for (const text of typeof value === 'string' ? [value] : Object.values(texts)) {
      if (field.maxSize !== undefined && text.length > field.maxSize) {
        refuse(
          400,
          84,
          `Validation error: "${property(definition, field.name)} is too long (${field.maxSize} chars max)"`,
        );
      }
      if (!passesFormat(field.format, text))
        refuse(400, 84, `Validation error: "${property(definition, field.name)} is not valid"`);
    }
  }
  for (const field of definition.fields) {
    if (field.name === 'id' || field.multilingual === true) continue;
    const value = values[field.name];
    if (value === undefined || typeof value === 'object') continue;
    const text = value === null || value === false ? '' : value;
    if (field.required === true && text === '')
      refuse(400, 85, `Validation error: "${property(definition, field.name)} is empty"`);
    if (field.maxSize !== undefined && text.length > field.maxSize) {
      refuse(
        400,
        85,
        `Validation error: "${property(definition, field.name)} is too long (${field.maxSize} chars max)"`,
      );
    }
    if (!passesFormat(field.format, text))
      refuse(400, 85, `Validation error: "${property(definition, field.name)} is not valid"`);
  }
}

/** Checks PrestaShop's object models add on top of field validation. */
function domainChecks(
  ctx: ReadContext,
  definition: ResourceDefinition,
  method: WriteMethod,
  id: number | undefined,
  values: Readonly<Record<string, FieldValue | undefined>>,
): void {
  if (definition.name === 'stock_availables' && textOf(values.depends_on_stock) === '1') {
    throw new WriteRefusal(500, [
      { code: 133, message: 'You cannot update the available stock when it depends on stock.' },
      { code: 46, message: 'Unable to save resource' },
    ]);
  }
  if (definition.name === 'customers' && textOf(values.is_guest) !== '1') {
    const email = textOf(values.email).toLowerCase();
    const table = ctx.store.table('customers');
    const clash =
      email !== '' &&
      table !== undefined &&
      [...(table.candidates('email', email) ?? table.ids())].some(
        (other) =>
          other !== id &&
          textOf(table.value(other, 'email')).toLowerCase() === email &&
          textOf(table.value(other, 'is_guest')) !== '1' &&
          textOf(table.value(other, 'deleted')) !== '1',
      );
    if (clash) {
      throw new WriteRefusal(500, [
        {
          code: method === 'POST' ? 140 : 141,
          message: 'The email is already used, please choose another one',
        },
      ]);
    }
  }
}

interface SavedEntity {
  readonly view: RecordView;
}

function associationEntries(definition: ResourceDefinition, name: string, node: XmlNode): AssociationEntry[] {
  const association = definition.associations.find((a) => a.name === name);
  if (association === undefined) return [];
  return node.children.map((item) => {
    const entry: Record<string, string> = {};
    for (const field of association.fields) entry[field.name] = childNamed(item, field.name)?.text ?? '';
    // The answer's id list comes from the database: ids are written as integers.
    if (entry.id !== undefined) entry.id = String(phpInt(entry.id));
    return entry;
  });
}

function saveEntity(
  ctx: ReadContext,
  definition: ResourceDefinition,
  method: WriteMethod,
  entity: XmlNode,
  warnings: WsErrorEntry[],
): SavedEntity {
  const store = ctx.store;
  const languages = store.languageIds();
  let existing: EmuRecord | undefined;
  if (method !== 'POST') {
    existing = store.get(definition.name, phpInt(childNamed(entity, 'id')?.text ?? ''));
    if (existing === undefined) refuse(404, 92, 'Invalid ID');
  }
  const defaults = OBJECT_DEFAULTS[definition.name] ?? {};
  /** What the object holds, as the answer shows it. */
  const echo: Record<string, FieldValue> = {};
  /** What the database stores. */
  const stored: Record<string, FieldValue> = {};
  const langXlink = new Set<string>();

  for (const field of definition.fields) {
    if (field.name === 'id') continue;
    const node = childNamed(entity, field.name);
    if (field.multilingual === true) {
      const languageNodes = node?.children.filter((child) => child.name === 'language') ?? [];
      if (node !== undefined && languageNodes.length > 0) {
        const updates: Record<number, string> = {};
        for (const language of languageNodes) updates[phpInt(language.attributes.id ?? '')] = language.text;
        const merged = mergeLanguages(existing?.values[field.name], updates, languages);
        echo[field.name] = method === 'POST' ? updates : merged;
        stored[field.name] = merged;
        langXlink.add(field.name);
      } else if (node !== undefined || method !== 'PATCH') {
        const text = node?.text ?? '';
        echo[field.name] = text;
        stored[field.name] = Object.fromEntries(languages.map((lang) => [lang, text]));
      }
      continue;
    }
    if (node !== undefined) {
      if (field.readOnlyAttribute === true) {
        refuse(400, 93, `parameter "${field.name}" not writable. Please remove this attribute of this XML`);
      }
      const warning = setterWarning(definition.name, field.name, ctx.installDir);
      if (warning !== undefined) {
        warnings.push(warning);
        continue;
      }
      if (field.readOnly === true) continue;
      echo[field.name] = node.text;
      stored[field.name] = store.storedForm(
        definition.name,
        field.name,
        node.text,
        existing?.values[field.name],
      );
      continue;
    }
    if (field.required === true && method !== 'PATCH') refuse(400, 41, `parameter "${field.name}" required`);
    if (method === 'PUT') {
      echo[field.name] = null;
      stored[field.name] = emptyValue(field, languages);
    } else if (method === 'POST') {
      const fallback = defaults[field.name];
      echo[field.name] = fallback ?? null;
      if (fallback !== undefined) stored[field.name] = fallback;
    }
  }

  const candidate = { ...(existing?.values ?? {}), ...echo };
  validateFields(ctx, definition, candidate);
  domainChecks(ctx, definition, method, existing?.id, { ...(existing?.values ?? {}), ...stored });

  const associationsNode = childNamed(entity, 'associations');
  const associations: Record<string, AssociationEntry[]> = {};
  let unknownAssociation: string | undefined;
  for (const node of associationsNode?.children ?? []) {
    const association = definition.associations.find((a) => a.name === node.name);
    if (association === undefined) {
      if (node.name !== 'i18n') unknownAssociation ??= node.name;
      continue;
    }
    if (association.writable) associations[node.name] = associationEntries(definition, node.name, node);
  }

  const saved =
    existing === undefined
      ? store.insert(definition.name, stored, associations)
      : store.update(definition.name, existing.id, stored, associations);
  if (unknownAssociation !== undefined)
    refuse(400, 86, `The association "${unknownAssociation}" does not exists`);
  if (definition.name === 'products' && ctx.shop !== undefined) {
    // `INSERT IGNORE INTO product_shop` for each shop of the context: the product joins them.
    const membership = membershipWith(store, existing, ctx.shop.shopIds);
    if (membership !== undefined) store.patchQuietly('products', saved.id, { [SHOP_MEMBERSHIP]: membership });
  }

  const values: Record<string, FieldValue | undefined> = {};
  const echoSaved = new Set(ECHO_SAVED[definition.name] ?? []);
  const emptyAfter = new Set(EMPTY_AFTER_WRITE[definition.name] ?? []);
  for (const field of definition.fields) {
    if (field.name === 'id') continue;
    values[field.name] = echoValue(field, echo, saved, echoSaved, emptyAfter);
  }
  return {
    view: { record: { id: saved.id, values, associations: saved.associations }, echo: { langXlink } },
  };
}

function echoValue(
  field: FieldDefinition,
  echo: Readonly<Record<string, FieldValue>>,
  saved: EmuRecord,
  echoSaved: ReadonlySet<string>,
  emptyAfter: ReadonlySet<string>,
): FieldValue | undefined {
  if (emptyAfter.has(field.name)) return null;
  if (field.name === 'date_add' || field.name === 'date_upd' || echoSaved.has(field.name))
    return saved.values[field.name];
  // Getters compute their value from the saved object.
  if (field.notFilterable === true) return saved.values[field.name];
  if (field.name in echo) return echo[field.name];
  return saved.values[field.name];
}

/** PHP's `(bool) Tools::getValue('sendemail')`: absent, `''` and `'0'` are false. */
function sendEmailAsked(ctx: ReadContext): boolean {
  const value = ctx.request.query.sendemail;
  if (value === undefined) return false;
  return typeof value !== 'string' || (value !== '' && value !== '0');
}

/**
 * `OrderHistory::addWs` with `sendemail=1`: the state change is applied and the history row written
 * (`changeIdOrderState`, then `add`), then `sendEmail` runs — for a state that sends e-mail to a
 * customer with a valid address — and when `Mail::Send` fails, `addWs` returns false and the
 * webservice answers 500, code 46, although everything was saved.
 */
function mailFailsAfterSave(
  ctx: ReadContext,
  definition: ResourceDefinition,
  method: WriteMethod,
  view: RecordView,
): boolean {
  if (definition.name !== 'order_histories' || method !== 'POST' || ctx.request.mailBroken !== true)
    return false;
  if (!sendEmailAsked(ctx)) return false;
  const state = ctx.store.get('order_states', phpInt(textOf(view.record.values.id_order_state)));
  if (textOf(state?.values.send_email) !== '1') return false;
  const order = ctx.store.get('orders', phpInt(textOf(view.record.values.id_order)));
  const customer = ctx.store.get('customers', phpInt(textOf(order?.values.id_customer)));
  return passesFormat('isEmail', textOf(customer?.values.email));
}

/** POST/PUT/PATCH: one or several records in one XML body. */
export function writeEntities(
  ctx: ReadContext,
  definition: ResourceDefinition,
  method: WriteMethod,
): WsOutcome {
  let xml = ctx.request.body.toString('utf8');
  if (xml.startsWith('xml=')) xml = xml.slice(4);
  const parsed = readXml(xml);
  if (!parsed.ok) return errorsOutcome(500, unreadableXmlErrors(xml, ctx.installDir));
  const entities = parsed.root.children;
  const ids = entities.map((entity) => childNamed(entity, 'id')?.text ?? '').filter((text) => text !== '');
  if (method !== 'POST') {
    if (new Set(ids.map((id) => phpInt(id))).size !== ids.length)
      return errorsOutcome(400, [{ code: 89, message: 'id is duplicate in request' }]);
    if (entities.length !== ids.length) {
      return errorsOutcome(400, [{ code: 90, message: 'id is required when modifying a resource' }]);
    }
  } else if (ids.length > 0) {
    return errorsOutcome(400, [{ code: 91, message: 'id is forbidden when adding a new resource' }]);
  }
  const warnings: WsErrorEntry[] = [];
  const views: RecordView[] = [];
  /** Objects saved whose alternative add method then returned false (the loop goes on, as PrestaShop's does). */
  const unsaved: WsErrorEntry[] = [];
  for (const entity of entities) {
    try {
      const { view } = saveEntity(ctx, definition, method, entity, warnings);
      views.push(view);
      if (mailFailsAfterSave(ctx, definition, method, view))
        unsaved.push({ code: 46, message: 'Unable to save resource' });
    } catch (error) {
      if (error instanceof WriteRefusal) return errorsOutcome(error.status, [...warnings, ...error.entries]);
      throw error;
    }
  }
  if (warnings.length > 0 || unsaved.length > 0) return errorsOutcome(500, [...warnings, ...unsaved]);
  const status = method === 'POST' ? 201 : 200;
  const body = ctx.json
    ? jsonSingle(ctx.render, definition, views, DISPLAY_FULL, 'display' in ctx.request.query)
    : xmlDocument(views.map((view) => xmlRecord(ctx.render, definition, view, DISPLAY_FULL)).join(''));
  return { kind: 'content', status, body };
}

/** DELETE `/api/products/3` or `/api/products?id=[3,4]`: all or nothing. */
export function deleteEntities(
  ctx: ReadContext,
  definition: ResourceDefinition,
  rawId: string | undefined,
): WsOutcome {
  let ids: string[] = [];
  const idParam = ctx.request.query.id;
  if (typeof idParam === 'string') {
    const match = /^\[(.*)\]$/s.exec(idParam);
    if (match) ids = (match[1] ?? '').split(',');
  } else {
    ids = [String(phpInt(rawId ?? ''))];
  }
  const table = ctx.store.table(definition.name);
  const missing = ids.filter((id) => table === undefined || !table.has(phpInt(id)));
  if (missing.length > 0 || ids.length === 0) {
    return errorsOutcome(404, [{ code: 87, message: `Id(s) not exists: ${missing.join(', ')}` }]);
  }
  for (const id of ids) ctx.store.remove(definition.name, phpInt(id));
  return { kind: 'empty', status: 200 };
}
