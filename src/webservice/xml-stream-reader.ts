import { SaxesParser } from 'saxes';

/** One element of a parsed XML document; values are kept exactly as written (CDATA unwrapped). */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** CDATA sections, concatenated. */
  cdata: string;
  /** Character data outside CDATA (entities decoded), concatenated. */
  text: string;
  hasCdata: boolean;
}

/**
 * Called when an element closes, with its depth (the root is 0) and parent. Returning `true`
 * detaches it from its parent, so that a long list is never held in memory as a whole.
 */
export type ElementCloseHandler = (
  element: XmlElement,
  depth: number,
  parent: XmlElement | undefined,
) => boolean;

/*
 * XML parsers turn every \r\n into \n, even inside CDATA, but the store's value holds the \r (its
 * JSON shows it). Inside CDATA sections a carriage return is swapped for a private-use character
 * before parsing and swapped back in values, so both codecs give the same text. Outside CDATA it
 * is left alone: there it is layout, or part of a tag.
 */
const carriageReturnMark = '\u{10FFFD}';
const carriageReturnMarks = /\u{10FFFD}/gu;
const cdataOpen = '<![CDATA[';
const cdataClose = ']]>';

function restoreCarriageReturns(text: string): string {
  return text.includes(carriageReturnMark) ? text.replace(carriageReturnMarks, '\r') : text;
}

/** Marks carriage returns inside CDATA sections, across chunk boundaries. */
class CdataCarriageReturns {
  private inCdata = false;
  /** The end of the previous chunk, held back in case it splits a CDATA delimiter. */
  private pending = '';

  mark(chunk: string): string {
    const text = this.pending + chunk;
    // A delimiter cut by the chunk boundary starts in the last 8 characters with '<' or ']':
    // hold back from the first such character so that it is scanned whole next time.
    let cut = text.length;
    for (let index = Math.max(0, text.length - (cdataOpen.length - 1)); index < text.length; index += 1) {
      const character = text[index];
      if (character === '<' || character === ']') {
        cut = index;
        break;
      }
    }
    this.pending = text.slice(cut);
    return this.scan(text.slice(0, cut));
  }

  flush(): string {
    const rest = this.pending;
    this.pending = '';
    return this.scan(rest);
  }

  private scan(text: string): string {
    if (!text.includes('\r')) {
      // Only the CDATA state matters: where the last delimiter leaves it.
      const open = text.lastIndexOf(cdataOpen);
      const close = text.lastIndexOf(cdataClose);
      if (open >= 0 || close >= 0) this.inCdata = open > close;
      return text;
    }
    let out = '';
    let position = 0;
    while (position < text.length) {
      if (this.inCdata) {
        const close = text.indexOf(cdataClose, position);
        const end = close < 0 ? text.length : close;
        out += text.slice(position, end).replaceAll('\r', carriageReturnMark);
        if (close < 0) break;
        out += cdataClose;
        position = close + cdataClose.length;
        this.inCdata = false;
      } else {
        const open = text.indexOf(cdataOpen, position);
        if (open < 0) {
          out += text.slice(position);
          break;
        }
        out += text.slice(position, open + cdataOpen.length);
        position = open + cdataOpen.length;
        this.inCdata = true;
      }
    }
    return out;
  }
}

/** A body that cannot be read as the XML PrestaShop writes. */
export class XmlReadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'XmlReadError';
  }
}

/**
 * A strict, streaming XML reader: feed it text chunk by chunk as they arrive, receive elements as
 * they close.
 *
 * It refuses any document type declaration outright. PrestaShop never sends one, and refusing it
 * makes entity expansion ("billion laughs") and external entities impossible: without a DTD the
 * only entities are the five predefined ones and character references, and an undeclared entity
 * is a well-formedness error.
 */
export class XmlStreamReader {
  private readonly parser = new SaxesParser({ position: false });
  private readonly stack: XmlElement[] = [];
  private readonly carriageReturns = new CdataCarriageReturns();
  private root: XmlElement | undefined;
  private failure: Error | undefined;

  constructor(private readonly onClose: ElementCloseHandler = () => false) {
    const parser = this.parser;
    parser.on('doctype', () => {
      throw new XmlReadError(
        'the XML carries a document type declaration (<!DOCTYPE …>), which PrestaShop never sends; ' +
          'refused so that entity expansion and external entities cannot be abused',
      );
    });
    parser.on('opentag', (tag) => {
      const element: XmlElement = {
        name: tag.name,
        attributes: tag.attributes as Record<string, string>,
        children: [],
        cdata: '',
        text: '',
        hasCdata: false,
      };
      const parent = this.stack.at(-1);
      if (parent) {
        parent.children.push(element);
        // Whitespace between child elements is layout, not a value.
        parent.text = '';
      } else {
        this.root = element;
      }
      this.stack.push(element);
    });
    parser.on('text', (text) => {
      const current = this.stack.at(-1);
      if (current && current.children.length === 0) current.text += restoreCarriageReturns(text);
    });
    parser.on('cdata', (cdata) => {
      const current = this.stack.at(-1);
      if (current) {
        current.cdata += restoreCarriageReturns(cdata);
        current.hasCdata = true;
      }
    });
    parser.on('closetag', () => {
      const element = this.stack.pop();
      if (!element) return;
      const parent = this.stack.at(-1);
      if (this.onClose(element, this.stack.length, parent) && parent) {
        const index = parent.children.lastIndexOf(element);
        if (index >= 0) parent.children.splice(index, 1);
      }
    });
  }

  /** Feeds the next piece of the document. Throws {@link XmlReadError} on malformed input. */
  write(chunk: string): void {
    if (this.failure) throw this.failure;
    try {
      this.parser.write(this.carriageReturns.mark(chunk));
    } catch (error) {
      this.failure = asReadError(error);
      throw this.failure;
    }
  }

  /** Ends the document and returns its root element (without the detached elements). */
  close(): XmlElement {
    if (this.failure) throw this.failure;
    try {
      this.parser.write(this.carriageReturns.flush());
      this.parser.close();
    } catch (error) {
      this.failure = asReadError(error);
      throw this.failure;
    }
    if (!this.root) throw new XmlReadError('the body holds no XML element');
    return this.root;
  }
}

/** Parses a whole (small) document. */
export function readXml(text: string): XmlElement {
  const reader = new XmlStreamReader();
  reader.write(text);
  return reader.close();
}

/** The value of a leaf element: its CDATA when there is some, else its text ('' for layout only). */
export function elementValue(element: XmlElement): string {
  if (element.hasCdata) return element.text.trim() === '' ? element.cdata : element.cdata + element.text;
  return element.text.trim() === '' ? '' : element.text;
}

/** The first child element with this name. */
export function childNamed(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child) => child.name === name);
}

function asReadError(error: unknown): XmlReadError {
  if (error instanceof XmlReadError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new XmlReadError(`malformed XML: ${message}`, { cause: error });
}
