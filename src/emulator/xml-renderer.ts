/**
 * XML answers, byte for byte as an 8.1 store writes them: declaration, `<prestashop
 * xmlns:xlink=…>`, one tab before each field, values in CDATA, `xlink:href` on foreign keys (left
 * out for a top-level `id_*` field whose value is empty or 0), `notFilterable` on getter fields,
 * `<language>` nodes, association blocks with `nodeType`/`api`/`virtualEntity`, list items as
 * `<product id="1" xlink:href="…"/>`. Strings are built directly: this is the hot path of big pages.
 */
import { type AssociationEntry, type FieldValue, isLangValues } from './record.js';
import {
  type Display,
  displayedAssociations,
  displayedFields,
  isPhpFalsy,
  type RecordView,
  type RenderContext,
  schemaFields,
  type SchemaKind,
} from './render-context.js';
import type { AssociationDefinition, FieldDefinition, ResourceDefinition } from './resource-definition.js';
import type { WsErrorEntry } from './ws-error.js';

const HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">\n';
const TAIL = '</prestashop>\n';

export function xmlDocument(content: string): string {
  return HEAD + content + TAIL;
}

function cdata(ctx: RenderContext, text: string): string {
  return text === '' && !ctx.cdataAlways ? '' : `<![CDATA[${text}]]>`;
}

/** `htmlspecialchars` for attribute values PrestaShop escapes (the shop name). */
export function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function scalarText(value: FieldValue | undefined, langId?: number): string {
  if (value === undefined || value === null || value === false) return '';
  if (typeof value === 'string') return value;
  return langId === undefined ? '' : (value[langId] ?? '');
}

type Mode = 'data' | SchemaKind;

function synopsisAttributes(field: FieldDefinition): string {
  let out = '';
  if (field.readOnlyAttribute === true) out += ' read_only="true"';
  if (field.required === true) out += ' required="true"';
  if (field.maxSize !== undefined) out += ` maxSize="${field.maxSize}"`;
  if (field.format !== undefined) out += ` format="${field.format}"`;
  if (field.readOnly === true) out += ' readOnly="true"';
  return out;
}

function languageNodes(
  ctx: RenderContext,
  value: FieldValue | undefined,
  mode: Mode,
  withXlink: boolean,
): string {
  let out = '';
  for (const lang of ctx.languages) {
    let attributes = '';
    if (mode === 'synopsis') {
      attributes = ` xlink:href="${ctx.apiUrl}languages/${lang}" format="isUnsignedId" `;
    } else if (mode === 'data' && withXlink) {
      attributes = ` xlink:href="${ctx.apiUrl}languages/${lang}"`;
    }
    const text = isLangValues(value) ? (value[lang] ?? '') : mode === 'data' ? scalarText(value) : '';
    out += `<language id="${lang}"${attributes}>${cdata(ctx, text)}</language>`;
  }
  return out;
}

/** One top-level field line (`\t<price><![CDATA[23.900000]]></price>\n`). */
function fieldLine(
  ctx: RenderContext,
  field: FieldDefinition,
  view: RecordView | undefined,
  mode: Mode,
): string {
  const value =
    view === undefined
      ? undefined
      : field.name === 'id'
        ? String(view.record.id)
        : view.record.values[field.name];
  let open = `\t<${field.name}`;
  if (field.multilingual === true) {
    if (mode === 'synopsis') open += synopsisAttributes(field);
    const withXlink = view?.echo === undefined ? true : view.echo.langXlink.has(field.name);
    return `${open}>${languageNodes(ctx, value, mode, withXlink)}</${field.name}>\n`;
  }
  const text = mode === 'data' ? scalarText(value) : '';
  if (mode === 'data' && field.xlink !== undefined) {
    const skip = field.name.startsWith('id_') && isPhpFalsy(typeof value === 'object' ? '' : value);
    if (!skip) {
      const parent =
        field.xlinkParent !== undefined && view !== undefined
          ? `${field.xlinkParent === 'id' ? view.record.id : scalarText(view.record.values[field.xlinkParent])}/`
          : '';
      open += ` xlink:href="${ctx.apiUrl}${field.xlink}/${parent}${text}"`;
    }
  }
  if (field.notFilterable === true && mode !== 'blank') open += ' notFilterable="true"';
  if (mode === 'synopsis') open += synopsisAttributes(field);
  return `${open}>${cdata(ctx, text)}</${field.name}>\n`;
}

function entryHref(
  ctx: RenderContext,
  association: AssociationDefinition,
  owner: RecordView,
  id: string,
): string {
  if (association.entryXlink !== undefined) {
    const parentField = association.entryXlinkParent ?? 'id';
    const parent =
      parentField === 'id' ? String(owner.record.id) : scalarText(owner.record.values[parentField]);
    return `${ctx.apiUrl}${association.entryXlink}/${parent}/${id}`;
  }
  return `${ctx.apiUrl}${association.name}/${id}`;
}

function associationEntryXml(
  ctx: RenderContext,
  association: AssociationDefinition,
  owner: RecordView | undefined,
  entry: AssociationEntry | undefined,
  subFields: readonly string[] | undefined,
  mode: Mode,
): string {
  let href = '';
  // PrestaShop links an entry only when the association is named after a resource (not `accessories`,
  // `product_bundle`, `cart_rows`), with the association's name in the path.
  const linked = association.entryXlink !== undefined || ctx.isResource(association.name);
  if (
    mode === 'data' &&
    linked &&
    association.virtualEntity !== true &&
    owner !== undefined &&
    entry !== undefined
  ) {
    href = ` xlink:href="${entryHref(ctx, association, owner, entry.id ?? '')}"`;
  }
  let out = `\t<${association.nodeType}${href}>\n`;
  for (const field of association.fields) {
    if (subFields !== undefined && field.name !== 'id' && !subFields.includes(field.name)) continue;
    if (subFields !== undefined && field.name === 'id' && !subFields.includes('id')) continue;
    const text = mode === 'data' ? (entry?.[field.name] ?? '') : '';
    let open = `\t<${field.name}`;
    if (field.xlink !== undefined && mode !== 'blank')
      open += ` xlink:href="${ctx.apiUrl}${field.xlink}/${text}"`;
    if (field.notFilterable === true && mode !== 'blank') open += ' notFilterable="true"';
    if (mode === 'synopsis') open += synopsisAttributes(field);
    out += `${open}>${cdata(ctx, text)}</${field.name}>\n`;
  }
  return `${out}\t</${association.nodeType}>\n`;
}

function associationHeader(association: AssociationDefinition, mode: Mode): string {
  if (mode === 'blank') return `<${association.name}`;
  let out = `<${association.name} nodeType="${association.nodeType}"`;
  if (association.virtualEntity === true) out += ' virtualEntity="true"';
  else out += ` api="${association.api ?? association.name}"`;
  return out;
}

function associationsXml(
  ctx: RenderContext,
  definition: ResourceDefinition,
  view: RecordView | undefined,
  display: Display,
  mode: Mode,
): string {
  const shown =
    mode === 'data'
      ? displayedAssociations(definition, display)
      : definition.associations.map((a) => ({ name: a.name, subFields: undefined }));
  if (mode === 'data' && display.kind !== 'full' && shown.length === 0) return '';
  if (definition.associations.length === 0) return '';
  let out = '<associations>\n';
  for (const { name, subFields } of shown) {
    const association = definition.associations.find((a) => a.name === name);
    if (association === undefined) continue;
    const entries: ReadonlyArray<AssociationEntry | undefined> =
      mode === 'data' ? (view?.record.associations[name] ?? []) : [undefined];
    if (entries.length === 0) {
      out += `${associationHeader(association, mode)}/>\n`;
      continue;
    }
    out += `${associationHeader(association, mode)}>\n`;
    for (const entry of entries) out += associationEntryXml(ctx, association, view, entry, subFields, mode);
    out += `</${association.name}>\n`;
  }
  return `${out}</associations>\n`;
}

/** `<product>…</product>\n` for one record (full or a field list). */
export function xmlRecord(
  ctx: RenderContext,
  definition: ResourceDefinition,
  view: RecordView,
  display: Display,
): string {
  let out = `<${definition.singular}>\n`;
  for (const field of displayedFields(definition, display)) out += fieldLine(ctx, field, view, 'data');
  if (view.virtual !== undefined) {
    for (const [name, value] of view.virtual) {
      if (display.kind === 'full' || (display.kind === 'fields' && display.fields.has(name))) {
        out += `\t<${name}>${cdata(ctx, value)}</${name}>\n`;
      }
    }
  }
  out += associationsXml(ctx, definition, view, display, 'data');
  return `${out}</${definition.singular}>\n`;
}

/** `<products>` with minimum items or full records; an empty list is `<products>\n</products>`. */
export function xmlList(
  ctx: RenderContext,
  definition: ResourceDefinition,
  views: readonly RecordView[],
  display: Display,
): string {
  const wrapper = definition.listNode ?? definition.name;
  let out = `<${wrapper}>\n`;
  if (display.kind === 'minimum') {
    for (const view of views) {
      out += `<${definition.singular} id="${view.record.id}" xlink:href="${ctx.apiUrl}${definition.name}/${view.record.id}"/>\n`;
    }
  } else {
    for (const view of views) out += xmlRecord(ctx, definition, view, display);
  }
  return `${out}</${wrapper}>\n`;
}

/** A single record answer (`GET /api/products/1`, POST/PUT answers): no list wrapper. */
export function xmlSingle(
  ctx: RenderContext,
  definition: ResourceDefinition,
  view: RecordView,
  display: Display,
): string {
  if (display.kind === 'minimum') {
    return `<${definition.singular} id="${view.record.id}" xlink:href="${ctx.apiUrl}${definition.name}/${view.record.id}"/>\n`;
  }
  return xmlRecord(ctx, definition, view, display);
}

/** `schema=blank` or `schema=synopsis`. */
export function xmlSchema(ctx: RenderContext, definition: ResourceDefinition, kind: SchemaKind): string {
  let out = `<${definition.singular}>\n`;
  for (const field of schemaFields(definition, kind)) out += fieldLine(ctx, field, undefined, kind);
  out += associationsXml(ctx, definition, undefined, { kind: 'full' }, kind);
  return `${out}</${definition.singular}>\n`;
}

export function xmlErrors(entries: readonly WsErrorEntry[]): string {
  let out = '<errors>\n';
  for (const entry of entries) {
    out += `<error>\n<code><![CDATA[${entry.code}]]></code>\n<message><![CDATA[${entry.message}]]></message>\n</error>\n`;
  }
  return `${out}</errors>\n`;
}
