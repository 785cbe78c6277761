/**
 * Request bodies: XML read into a small tree with saxes. DOCTYPE declarations are refused (so no
 * entity can be defined or expanded). A body that does not parse is reported the way an 8.1 store
 * reports it: libxml's warnings (code 3, three lines per parser error) followed by code 127
 * echoing the body, status 500.
 */
import { SaxesParser } from 'saxes';

import type { WsErrorEntry } from './ws-error.js';

export interface XmlNode {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
  /** Text and CDATA directly inside the element, concatenated (not trimmed: PrestaShop does not trim). */
  readonly text: string;
}

interface MutableNode {
  name: string;
  attributes: Record<string, string>;
  children: MutableNode[];
  text: string;
}

export type XmlReadResult =
  { ok: true; root: XmlNode } | { ok: false; message: string; atEnd: boolean; column: number };

/** Parses `xml`; never throws. */
export function readXml(xml: string): XmlReadResult {
  const parser = new SaxesParser({ position: true });
  const stack: MutableNode[] = [];
  let root: MutableNode | undefined;
  let failure: { message: string; atEnd: boolean; column: number } | undefined;
  parser.on('doctype', () => {
    failure ??= { message: 'DOCTYPE is not allowed', atEnd: false, column: parser.column };
  });
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    for (const [name, value] of Object.entries(tag.attributes)) attributes[name] = String(value);
    const node: MutableNode = { name: tag.name, attributes, children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
    else root = node;
    stack.push(node);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (text) => {
    const current = stack[stack.length - 1];
    if (current) current.text += text;
  });
  parser.on('cdata', (text) => {
    const current = stack[stack.length - 1];
    if (current) current.text += text;
  });
  parser.on('error', (error) => {
    failure ??= { message: error.message.replace(/^\d+:\d+: /, ''), atEnd: false, column: parser.column };
  });
  try {
    parser.write(xml);
    const beforeClose = failure;
    parser.close();
    if (failure !== undefined && beforeClose === undefined) failure = { ...failure, atEnd: true };
  } catch (error) {
    failure ??= {
      message: error instanceof Error ? error.message : String(error),
      atEnd: true,
      column: parser.column,
    };
  }
  if (failure !== undefined || root === undefined) {
    return { ok: false, ...(failure ?? { message: 'Document is empty', atEnd: true, column: 0 }) };
  }
  return { ok: true, root };
}

export function childNamed(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((child) => child.name === name);
}

/**
 * The errors an 8.1 store returns for a body SimpleXML cannot read. libxml reports each parser
 * error as three warnings (message, the offending line, a caret); a truncated document gets a
 * second error (`Premature end of data`).
 */
export function unreadableXmlErrors(xml: string, installDir: string): WsErrorEntry[] {
  const where = `(${installDir}classes/webservice/WebserviceRequest.php, line 1544)`;
  const line = xml.split('\n')[0]?.slice(0, 80) ?? '';
  const warn = (text: string): WsErrorEntry => ({
    code: 3,
    message: `[PHP Warning #2] SimpleXMLElement::__construct(): ${text} ${where}`,
  });
  const triple = (message: string, column: number): WsErrorEntry[] => [
    warn(`Entity: line 1: parser error : ${message}`),
    warn(line),
    warn(`${' '.repeat(Math.max(0, Math.min(column, line.length)))}^`),
  ];
  const entries: WsErrorEntry[] = [];
  const trimmed = xml.trimStart();
  if (trimmed === '') {
    entries.push(...triple('Document is empty', 0));
  } else if (!trimmed.startsWith('<')) {
    entries.push(...triple("Start tag expected, '<' not found", 0));
  } else {
    const result = readXml(xml);
    const column = result.ok ? line.length : result.column;
    if (result.ok || !result.atEnd) {
      entries.push(
        ...triple(result.ok ? 'Extra content at the end of the document' : result.message, column),
      );
    } else {
      const open = /<([A-Za-z_][\w.-]*)[^>]*>/.exec(xml.replace(/<\?xml[^>]*\?>/, ''));
      entries.push(...triple("expected '>'", line.length));
      entries.push(
        ...triple(`Premature end of data in tag ${open?.[1] ?? 'prestashop'} line 1`, line.length),
      );
    }
  }
  entries.push({
    code: 127,
    message: `XML error : String could not be parsed as XML\nXML length : ${Buffer.byteLength(xml)}\nOriginal XML : ${xml}`,
  });
  return entries;
}
