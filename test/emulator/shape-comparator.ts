/**
 * Compares two webservice answers shape for shape: status, content type, the webservice headers,
 * envelope, element and key names and their order, attributes, language nodes, associations,
 * how empty values and numbers are written, error bodies. Values may differ: ids, texts, dates,
 * amounts, and how many records a list or an association holds (both empty or both not).
 *
 * A difference is reported with a path (`/prestashop/products/product[2]/price`, `$.product.id`)
 * so that a kept difference can be named precisely in an allow-list.
 */
import { SaxesParser } from 'saxes';

export interface Difference {
  readonly path: string;
  readonly message: string;
}

export interface HttpShape {
  readonly status: number;
  /** Lower-cased header names. */
  readonly headers: ReadonlyMap<string, string>;
  readonly body: Buffer;
}

/** Headers PrestaShop writes itself (Apache's `Date`, `Server`, `Vary`, … are not compared). */
const WEBSERVICE_HEADERS = [
  'www-authenticate',
  'access-time',
  'x-powered-by',
  'psws-version',
  'execution-time',
  'content-sha1',
];

interface XmlElement {
  readonly name: string;
  readonly attributes: ReadonlyArray<readonly [string, string]>;
  readonly children: XmlElement[];
  /** Text directly inside (CDATA included). */
  text: string;
  /** Whether the text came (at least partly) from a CDATA section. */
  cdata: boolean;
  /** Whitespace before this element inside its parent (the store's tabs and newlines). */
  readonly indent: string;
}

export function parseXmlTree(xml: string): XmlElement {
  const parser = new SaxesParser({ position: false });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let pendingWhitespace = '';
  parser.on('opentag', (tag) => {
    const element: XmlElement = {
      name: tag.name,
      attributes: Object.entries(tag.attributes).map(([name, value]) => [name, String(value)] as const),
      children: [],
      text: '',
      cdata: false,
      indent: pendingWhitespace,
    };
    pendingWhitespace = '';
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
    pendingWhitespace = '';
  });
  parser.on('text', (text) => {
    const current = stack[stack.length - 1];
    if (current === undefined) return;
    if (/^\s*$/.test(text) && text.includes('\n')) {
      pendingWhitespace += text;
    } else {
      current.text += text;
    }
  });
  parser.on('cdata', (text) => {
    const current = stack[stack.length - 1];
    if (current === undefined) return;
    current.text += text;
    current.cdata = true;
  });
  parser.write(xml).close();
  if (root === undefined) throw new Error('empty XML document');
  return root;
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/** How a scalar is written, independent of its value: decimals count for numbers. */
function scalarForm(text: string): string {
  if (NUMBER.test(text)) {
    const dot = text.indexOf('.');
    return dot < 0 ? 'integer' : `decimal(${text.length - dot - 1})`;
  }
  if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)) return 'datetime';
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return 'date';
  return 'text';
}

/** Two scalars are written alike when their forms agree; a value on one side only is a value difference. */
function sameScalarForm(a: string, b: string): boolean {
  if (a === '' || b === '') return true;
  const fa = scalarForm(a);
  const fb = scalarForm(b);
  if (fa === fb) return true;
  // A number on one side and free text on the other is a value difference, not a format one.
  return (
    !(fa.startsWith('decimal') && fb.startsWith('decimal')) &&
    !(fa === 'integer' && fb.startsWith('decimal')) &&
    !(fb === 'integer' && fa.startsWith('decimal'))
  );
}

/** `http://127.0.0.1:8080/api/images/products/1/2` → `/api/images/products/{n}/{n}`. */
function hrefShape(href: string): string {
  return href.replace(/^https?:\/\/[^/]+/, '').replace(/\/\d+(?=\/|$|\?)/g, '/{n}');
}

/** Attributes whose value is data (an id, a name), not shape. */
const VALUE_ATTRIBUTES = new Set(['id', 'shopName', 'name']);
/** Repeated elements whose count is shape (one per language; every error). */
const COUNTED = new Set(['language', 'error']);

function compareXml(rec: XmlElement, emu: XmlElement, path: string, out: Difference[]): void {
  if (rec.name !== emu.name) {
    out.push({ path, message: `element <${emu.name}> where the store writes <${rec.name}>` });
    return;
  }
  if (rec.indent !== emu.indent) {
    out.push({
      path,
      message: `whitespace before the element ${JSON.stringify(emu.indent)} instead of ${JSON.stringify(rec.indent)}`,
    });
  }
  const recNames = rec.attributes.map(([n]) => n);
  const emuNames = emu.attributes.map(([n]) => n);
  const valueLess = (element: XmlElement): boolean => element.text === '' || element.text === '0';
  const withoutOptionalHref = (names: string[], other: XmlElement): string[] =>
    names.filter((name) => !(name === 'xlink:href' && valueLess(other)));
  if (recNames.join(' ') !== emuNames.join(' ')) {
    const a = withoutOptionalHref(recNames, emu).join(' ');
    const b = withoutOptionalHref(emuNames, rec).join(' ');
    if (a !== b)
      out.push({ path, message: `attributes [${emuNames.join(', ')}] instead of [${recNames.join(', ')}]` });
  }
  for (const [name, value] of rec.attributes) {
    const other = emu.attributes.find(([n]) => n === name)?.[1];
    if (other === undefined || VALUE_ATTRIBUTES.has(name)) continue;
    if (name === 'xlink:href') {
      if (hrefShape(value) !== hrefShape(other))
        out.push({
          path: `${path}/@xlink:href`,
          message: `href ${hrefShape(other)} instead of ${hrefShape(value)}`,
        });
    } else if (value !== other) {
      out.push({ path: `${path}/@${name}`, message: `${name}="${other}" instead of "${value}"` });
    }
  }
  if (
    rec.cdata !== emu.cdata &&
    !(rec.text === '' && emu.text === '' && rec.children.length + emu.children.length > 0)
  ) {
    out.push({
      path,
      message: rec.cdata
        ? 'value without CDATA where the store writes CDATA'
        : 'CDATA where the store writes none',
    });
  }
  if (rec.children.length === 0 && emu.children.length === 0 && !sameScalarForm(rec.text, emu.text)) {
    out.push({
      path,
      message: `value written as ${scalarForm(emu.text)} (${JSON.stringify(emu.text)}) where the store writes ${scalarForm(rec.text)} (${JSON.stringify(rec.text)})`,
    });
  }
  const recRuns = runs(rec.children);
  const emuRuns = runs(emu.children);
  if (recRuns.map((r) => r.name).join(',') !== emuRuns.map((r) => r.name).join(',')) {
    const collapse = (list: typeof recRuns): string => list.map((r) => r.name).join(', ');
    out.push({ path, message: `children [${collapse(emuRuns)}] instead of [${collapse(recRuns)}]` });
    return;
  }
  recRuns.forEach((recRun, index) => {
    const emuRun = emuRuns[index];
    if (emuRun === undefined) return;
    const counted = COUNTED.has(recRun.name);
    if (counted && recRun.items.length !== emuRun.items.length) {
      out.push({
        path: `${path}/${recRun.name}`,
        message: `${emuRun.items.length} <${recRun.name}> where the store writes ${recRun.items.length}`,
      });
    }
    const pairs = Math.min(recRun.items.length, emuRun.items.length);
    for (let i = 0; i < pairs; i += 1) {
      const a = recRun.items[i];
      const b = emuRun.items[i];
      if (a !== undefined && b !== undefined) compareXml(a, b, `${path}/${recRun.name}[${i + 1}]`, out);
    }
  });
}

/** Consecutive children grouped by name (`<product>` × 19 is one run). */
function runs(children: readonly XmlElement[]): Array<{ name: string; items: XmlElement[] }> {
  const out: Array<{ name: string; items: XmlElement[] }> = [];
  for (const child of children) {
    const last = out[out.length - 1];
    if (last?.name === child.name) last.items.push(child);
    else out.push({ name: child.name, items: [child] });
  }
  return out;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function jsonKind(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function isFalsy(value: Json | undefined): boolean {
  return (
    value === undefined ||
    value === null ||
    value === false ||
    value === 0 ||
    value === '' ||
    value === '0' ||
    (Array.isArray(value) && value.length === 0)
  );
}

function isLanguageArray(value: Json[]): boolean {
  return (
    value.length > 0 &&
    value.every(
      (item) => typeof item === 'object' && item !== null && !Array.isArray(item) && 'value' in item,
    )
  );
}

function compareJson(rec: Json, emu: Json, path: string, out: Difference[], dropsFalsy: boolean): void {
  const a = jsonKind(rec);
  const b = jsonKind(emu);
  if (a !== b) {
    const valueOnly =
      (a === 'null' && b === 'string' && emu !== '') || (b === 'null' && a === 'string' && rec !== '');
    if (!valueOnly)
      out.push({
        path,
        message: `${b} ${JSON.stringify(emu)} where the store writes ${a} ${JSON.stringify(rec)}`,
      });
    return;
  }
  if (typeof rec === 'string' && typeof emu === 'string') {
    if (!sameScalarForm(rec, emu))
      out.push({
        path,
        message: `${JSON.stringify(emu)} written as ${scalarForm(emu)} where the store writes ${scalarForm(rec)} (${JSON.stringify(rec)})`,
      });
    return;
  }
  if (Array.isArray(rec) && Array.isArray(emu)) {
    const exact = isLanguageArray(rec) || path.endsWith('.errors');
    if (exact && rec.length !== emu.length)
      out.push({ path, message: `${emu.length} items where the store writes ${rec.length}` });
    if (!exact && (rec.length === 0) !== (emu.length === 0)) {
      out.push({ path, message: `${emu.length} items where the store writes ${rec.length}` });
    }
    const pairs = Math.min(rec.length, emu.length);
    for (let i = 0; i < pairs; i += 1)
      compareJson(rec[i] ?? null, emu[i] ?? null, `${path}[${i}]`, out, false);
    return;
  }
  if (
    typeof rec === 'object' &&
    rec !== null &&
    typeof emu === 'object' &&
    emu !== null &&
    !Array.isArray(rec) &&
    !Array.isArray(emu)
  ) {
    const recKeys = Object.keys(rec);
    const emuKeys = Object.keys(emu);
    for (const key of recKeys) {
      if (!(key in emu) && !(dropsFalsy && isFalsy(rec[key])))
        out.push({ path: `${path}.${key}`, message: 'key missing' });
    }
    for (const key of emuKeys) {
      if (!(key in rec) && !(dropsFalsy && isFalsy(emu[key])))
        out.push({ path: `${path}.${key}`, message: 'key the store does not write' });
    }
    const common = recKeys.filter((key) => key in emu);
    const emuOrder = emuKeys.filter((key) => key in rec);
    if (common.join(',') !== emuOrder.join(','))
      out.push({ path, message: `keys in order [${emuOrder.join(', ')}] instead of [${common.join(', ')}]` });
    for (const key of common) {
      compareJson(rec[key] ?? null, emu[key] ?? null, `${path}.${key}`, out, false);
    }
  }
}

/** A single-record JSON answer (`{"product":{…}}`): 8.x leaves out its falsy fields. */
function singleRecordKey(value: Json): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1 || keys[0] === 'errors') return undefined;
  const inner = value[keys[0] ?? ''];
  return typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? keys[0] : undefined;
}

export function compareAnswers(recorded: HttpShape, emulated: HttpShape, method: string): Difference[] {
  const out: Difference[] = [];
  if (recorded.status !== emulated.status)
    out.push({ path: 'status', message: `${emulated.status} where the store answers ${recorded.status}` });
  const recType = recorded.headers.get('content-type');
  const emuType = emulated.headers.get('content-type');
  if (recType !== emuType)
    out.push({
      path: 'content-type',
      message: `${emuType ?? '(none)'} where the store sends ${recType ?? '(none)'}`,
    });
  for (const name of WEBSERVICE_HEADERS) {
    const a = recorded.headers.get(name);
    const b = emulated.headers.get(name);
    if ((a === undefined) !== (b === undefined)) {
      out.push({
        path: `header ${name}`,
        message: a === undefined ? 'sent, the store sends none' : 'missing',
      });
    } else if (name === 'psws-version' && (a === '0') !== (b === '0')) {
      out.push({ path: `header ${name}`, message: `${b ?? ''} where the store sends ${a ?? ''}` });
    } else if (name === 'www-authenticate' && a !== b) {
      out.push({ path: `header ${name}`, message: `${b ?? ''} where the store sends ${a ?? ''}` });
    }
  }
  const recBody = method === 'HEAD' ? '' : recorded.body.toString('utf8');
  const emuBody = method === 'HEAD' ? '' : emulated.body.toString('utf8');
  if ((recBody === '') !== (emuBody === '')) {
    out.push({
      path: 'body',
      message: emuBody === '' ? 'empty where the store writes a body' : 'a body where the store writes none',
    });
    return out;
  }
  if (recBody === '') return out;
  if (recType?.startsWith('text/xml') === true) {
    try {
      compareXml(parseXmlTree(recBody), parseXmlTree(emuBody), '', out);
    } catch (error) {
      out.push({
        path: 'body',
        message: `not well-formed XML: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  } else if (recType === 'application/json') {
    let emuJson: Json;
    try {
      emuJson = JSON.parse(emuBody) as Json;
    } catch (error) {
      out.push({
        path: 'body',
        message: `not JSON: ${error instanceof Error ? error.message : String(error)}`,
      });
      return out;
    }
    const recJson = JSON.parse(recBody) as Json;
    if (recBody.includes('\\/') && /[^\\]\//.test(emuBody)) {
      out.push({ path: 'body', message: 'slashes written unescaped where the store writes \\/' });
    }
    if (/[\u0080-\uffff]/u.test(recBody) && /\\u00[89a-f][0-9a-f]/i.test(emuBody)) {
      out.push({
        path: 'body',
        message: 'non-ASCII characters escaped where the store writes them as they are',
      });
    }
    const single = singleRecordKey(recJson);
    if (single !== undefined && singleRecordKey(emuJson) === single) {
      const recInner = (recJson as Record<string, Json>)[single] ?? null;
      const emuInner = (emuJson as Record<string, Json>)[single] ?? null;
      compareJson(recInner, emuInner, `$.${single}`, out, true);
    } else {
      compareJson(recJson, emuJson, '$', out, false);
    }
  } else if (recType?.startsWith('image/') !== true && recBody !== emuBody) {
    out.push({
      path: 'body',
      message: `${JSON.stringify(emuBody.slice(0, 60))} where the store writes ${JSON.stringify(recBody.slice(0, 60))}`,
    });
  }
  return out;
}
