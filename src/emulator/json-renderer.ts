/**
 * JSON answers as an 8.1 store writes them (`json_encode` with JSON_UNESCAPED_UNICODE): slashes
 * escaped (`<\/p>`), a bare `[]` for an empty list, the plural list shape for lists and for any
 * request carrying `display`, the single-record shape otherwise with falsy fields dropped,
 * multilingual values as `[{"id":1,"value":"…"}]` or a plain string when one language is in scope,
 * numbers or strings per field as the definition says.
 */
import type { AssociationEntry, FieldValue } from './record.js';
import {
  type Display,
  displayedAssociations,
  displayedFields,
  type RecordView,
  type RenderContext,
  schemaFields,
  type SchemaKind,
} from './render-context.js';
import type { FieldDefinition, ResourceDefinition } from './resource-definition.js';
import type { WsErrorEntry } from './ws-error.js';

/** PHP `json_encode` of a string with JSON_UNESCAPED_UNICODE. */
export function phpJsonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    switch (ch) {
      case 0x22:
        out += '\\"';
        break;
      case 0x5c:
        out += '\\\\';
        break;
      case 0x2f:
        out += '\\/';
        break;
      case 0x08:
        out += '\\b';
        break;
      case 0x0c:
        out += '\\f';
        break;
      case 0x0a:
        out += '\\n';
        break;
      case 0x0d:
        out += '\\r';
        break;
      case 0x09:
        out += '\\t';
        break;
      default:
        if (ch < 0x20 || ch === 0x2028 || ch === 0x2029) out += `\\u${ch.toString(16).padStart(4, '0')}`;
        else out += text[i];
    }
  }
  return `${out}"`;
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** A JSON fragment plus whether PHP's `array_filter` would drop it. */
interface JsonPiece {
  readonly text: string;
  readonly falsy: boolean;
}

function scalarPiece(value: string | null | false | undefined, kind: 'number' | 'string'): JsonPiece {
  if (value === undefined || value === null) return { text: 'null', falsy: true };
  if (value === false) return { text: 'false', falsy: true };
  if (kind === 'number' && NUMERIC.test(value)) {
    const number = Number(value);
    return { text: String(number), falsy: number === 0 };
  }
  return { text: phpJsonString(value), falsy: value === '' || value === '0' };
}

function valuePiece(
  ctx: RenderContext,
  field: FieldDefinition,
  value: FieldValue | undefined,
  kind: 'number' | 'string',
): JsonPiece {
  if (field.multilingual === true) {
    const texts = ctx.languages.map((lang) =>
      typeof value === 'object' && value !== null
        ? (value[lang] ?? '')
        : typeof value === 'string'
          ? value
          : '',
    );
    // A plain string (not a per-language value) stays a string, as PHP keeps it (write answers).
    if (typeof value === 'string' || ctx.languages.length === 1) {
      const text = typeof value === 'string' ? value : (texts[0] ?? '');
      return { text: phpJsonString(text), falsy: text === '' || text === '0' };
    }
    const items = ctx.languages.map(
      (lang, i) =>
        `{"id":${ctx.languageJsonIds?.get(lang) ?? (ctx.php5Json === true ? `"${lang}"` : lang)},"value":${phpJsonString(texts[i] ?? '')}}`,
    );
    return { text: `[${items.join(',')}]`, falsy: items.length === 0 };
  }
  if (typeof value === 'object' && value !== null) return { text: 'null', falsy: true };
  return scalarPiece(value, kind);
}

/**
 * The value PrestaShop hands to the JSON encoder: an `id_*` field holding SQL NULL becomes `""`
 * (`WebserviceOutputBuilder::renderField` blanks empty ids), and so does a boolean (`strval()` on
 * load: combination `default_on` is NULL but for the default one); other NULLs stay `null`.
 */
function jsonValue(field: FieldDefinition, value: FieldValue | undefined): FieldValue | undefined {
  if (value !== null) return value;
  return field.name.startsWith('id_') || (field.format === 'isBool' && field.json === 'string') ? '' : value;
}

function fieldKind(
  ctx: RenderContext,
  definition: ResourceDefinition,
  field: FieldDefinition,
  view: RecordView,
): 'number' | 'string' {
  if (ctx.php5Json === true) return 'string';
  if (view.echo !== undefined && field.notFilterable !== true) return 'string';
  if (field.contextJson !== undefined && ctx.isContextRecord(definition, view.record.id))
    return field.contextJson;
  return field.json;
}

function associationsJson(
  ctx: RenderContext,
  definition: ResourceDefinition,
  view: RecordView,
  display: Display,
): string {
  const parts: string[] = [];
  for (const { name, subFields } of displayedAssociations(definition, display)) {
    const association = definition.associations.find((a) => a.name === name);
    const entries = view.record.associations[name];
    if (association === undefined || entries === undefined || entries.length === 0) continue;
    const rendered = entries.map((entry: AssociationEntry) => {
      const fields = association.fields
        .filter((field) => subFields === undefined || subFields.includes(field.name))
        .map(
          (field) =>
            `${phpJsonString(field.name)}:${scalarPiece(entry[field.name], ctx.php5Json === true ? 'string' : field.json).text}`,
        );
      return `{${fields.join(',')}}`;
    });
    if (rendered.length > 0) parts.push(`${phpJsonString(name)}:[${rendered.join(',')}]`);
  }
  return parts.length === 0 ? '' : `"associations":{${parts.join(',')}}`;
}

/** The members of one record object, in output order; `dropFalsy` applies PHP's `array_filter`. */
function recordMembers(
  ctx: RenderContext,
  definition: ResourceDefinition,
  view: RecordView,
  display: Display,
  dropFalsy: boolean,
): string {
  const members: string[] = [];
  if (display.kind === 'minimum')
    return `"id":${view.echo !== undefined ? `"${view.record.id}"` : view.record.id}`;
  for (const field of displayedFields(definition, display)) {
    const piece =
      field.name === 'id'
        ? view.echo !== undefined
          ? { text: `"${view.record.id}"`, falsy: false }
          : { text: String(view.record.id), falsy: view.record.id === 0 }
        : valuePiece(
            ctx,
            field,
            jsonValue(field, view.record.values[field.name]),
            fieldKind(ctx, definition, field, view),
          );
    if (dropFalsy && piece.falsy) continue;
    members.push(`${phpJsonString(field.name)}:${piece.text}`);
  }
  if (view.virtual !== undefined) {
    for (const [name, value] of view.virtual) {
      if (display.kind === 'full' || display.fields.has(name)) {
        const piece = scalarPiece(value, 'string');
        if (!(dropFalsy && piece.falsy)) members.push(`${phpJsonString(name)}:${piece.text}`);
      }
    }
  }
  const associations = associationsJson(ctx, definition, view, display);
  if (associations !== '') members.push(associations);
  return members.join(',');
}

/** A list answer: `{"products":[…]}`, or `[]` when nothing matched. */
export function jsonList(
  ctx: RenderContext,
  definition: ResourceDefinition,
  views: readonly RecordView[],
  display: Display,
): string {
  if (views.length === 0) return '[]';
  const items = views.map((view) => `{${recordMembers(ctx, definition, view, display, false)}}`);
  return `{${phpJsonString(definition.listNode ?? definition.name)}:[${items.join(',')}]}`;
}

/**
 * A single-record answer. Without `display` in the query it is `{"product":{…}}` (8.x drops falsy
 * fields); with any `display` it takes the plural list shape, as PrestaShop decides on `$_GET`.
 */
export function jsonSingle(
  ctx: RenderContext,
  definition: ResourceDefinition,
  views: readonly RecordView[],
  display: Display,
  queryHasDisplay: boolean,
): string {
  if (queryHasDisplay) return jsonList(ctx, definition, views, display);
  const last = views[views.length - 1];
  if (last === undefined) return '[]';
  const members = recordMembers(ctx, definition, last, display, ctx.dropFalsyInSingle);
  // PHP encodes an emptied array as `[]`, not `{}`.
  return `{${phpJsonString(definition.singular)}:${members === '' ? '[]' : `{${members}}`}}`;
}

/** `schema=blank|synopsis` in JSON: every plain field is empty (and dropped), associations hold one empty entry. */
export function jsonSchema(ctx: RenderContext, definition: ResourceDefinition, kind: SchemaKind): string {
  const members: string[] = [];
  // A schema sets every plain value to '' (multilingual ones too), which 8.x then filters out.
  if (!ctx.dropFalsyInSingle) {
    for (const field of schemaFields(definition, kind)) members.push(`${phpJsonString(field.name)}:""`);
  }
  if (definition.associations.length > 0) {
    const parts = definition.associations.map((association) => {
      const fields = association.fields.map((field) => `${phpJsonString(field.name)}:null`);
      return `${phpJsonString(association.name)}:[{${fields.join(',')}}]`;
    });
    members.push(`"associations":{${parts.join(',')}}`);
  }
  return `{${phpJsonString(definition.singular)}:${members.length === 0 ? '[]' : `{${members.join(',')}}`}}`;
}

export function jsonErrors(entries: readonly WsErrorEntry[]): string {
  const items = entries.map((entry) => `{"code":${entry.code},"message":${phpJsonString(entry.message)}}`);
  return `{"errors":[${items.join(',')}]}`;
}

/** Where 1.6's `iconv` notice comes from, as the store's error message names it. */
const PHP5_JSON_NOTICE =
  '[PHP Notice #8] iconv(): Detected an illegal character in input string (%sclasses/webservice/WebserviceOutputJSON.php, line 165)';

/**
 * A JSON answer as 1.6.1 sends it. PHP 5's `json_encode` escapes every non-ASCII character, and
 * `overrideContent` turns each `\uXXXX` back with `iconv`: control characters come out raw (the
 * answer is then no valid JSON), and a character outside the Basic Multilingual Plane (escaped
 * as two surrogates) makes `iconv` raise a notice, which the webservice turns into a 500 whose
 * body is the content with an `errors` member (code 5) appended.
 */
export function php5JsonAnswer(
  body: string,
  installDir: string,
): { readonly status?: number; readonly body: string } {
  const unescaped = body.replace(/\\u([0-9a-f]{4})/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
  if (!/[\u{10000}-\u{10FFFF}]/u.test(unescaped)) return { body: unescaped };
  const stripped = unescaped.replace(/[\u{10000}-\u{10FFFF}]/gu, '');
  const error = jsonErrors([{ code: 5, message: PHP5_JSON_NOTICE.replace('%s', installDir) }]).slice(1, -1);
  const withErrors = stripped.startsWith('{') ? `${stripped.slice(0, -1)},${error}}` : `{${error}}`;
  return { status: 500, body: withErrors };
}
