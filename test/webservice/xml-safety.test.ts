import { describe, expect, it } from 'vitest';

import { XmlListDecoder } from '../../src/webservice/xml-record-decoder.js';
import { readXml, XmlReadError } from '../../src/webservice/xml-stream-reader.js';

const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<prestashop><products><product><id>1</id><name>&lol9;</name></product></products></prestashop>`;

const externalEntity = `<?xml version="1.0"?>
<!DOCTYPE prestashop [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<prestashop><product><id>1</id><name>&secret;</name></product></prestashop>`;

describe('the XML reader is safe against entity attacks', () => {
  it('refuses a billion-laughs body at the document type declaration, without expanding anything', () => {
    const heapBefore = process.memoryUsage().heapUsed;
    expect(() => readXml(billionLaughs)).toThrow(XmlReadError);
    expect(() => readXml(billionLaughs)).toThrow(/document type declaration/);
    // Ten levels of ten would be 10^9 "lol"s (3 GB); nothing near that was allocated.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(50 * 1024 * 1024);
  });

  it('refuses an external entity body, and never opens the file', () => {
    expect(() => readXml(externalEntity)).toThrow(/document type declaration/);
  });

  it('refuses a DOCTYPE in a streamed list as well, whatever the chunking', () => {
    const decoder = new XmlListDecoder();
    expect(() => {
      for (let start = 0; start < billionLaughs.length; start += 7)
        decoder.write(billionLaughs.slice(start, start + 7));
      decoder.close();
    }).toThrow(/document type declaration/);
    expect(decoder.take()).toEqual([]);
  });

  it('treats an undeclared entity as malformed XML', () => {
    expect(() => readXml('<prestashop><product><name>&lol9;</name></product></prestashop>')).toThrow(
      /malformed XML/,
    );
  });

  it('still reads the predefined entities and character references', () => {
    const root = readXml('<prestashop><x>a &lt; b &amp; c &#233;&#x00e9;</x></prestashop>');
    expect(root.children[0]?.text).toBe('a < b & c éé');
  });
});
