/**
 * How to replay a row of the fixtures' INDEX.tsv: INDEX holds method, key and URL, not request
 * bodies or extra headers. This table supplies them for the recorded writes (bodies kept in
 * `writes/` or echoed in the recorded error), and the rule for rows it does not know: a PUT or
 * PATCH sends back the record as the emulator serves it (a round trip), a POST sends an empty body.
 */
import { readFixture } from '../support/fixtures.js';

export interface ReplayRequest {
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

const PRODUCT_POST = 'writes/products.post-minimal.request.xml';
const STOCK_PUT = 'writes/stock_availables.20.put.request.xml';

const CUSTOMER_WITHOUT_PASSWORD =
  '<?xml version="1.0" encoding="UTF-8"?>\n<prestashop><customer><lastname>Nopass</lastname><firstname>Missing</firstname>' +
  '<email>nopass@example.com</email></customer></prestashop>';
const CUSTOMER_INVALID =
  '<?xml version="1.0" encoding="UTF-8"?>\n<prestashop><customer><passwd>Sync!Test123</passwd><lastname>Invalid1</lastname>' +
  '<firstname>Bad</firstname><email>not-an-email</email></customer></prestashop>';

/** Bodies and headers by fixture file; a `file:` prefix reads a fixture. */
const KNOWN: Readonly<Record<string, { body?: string; headers?: Record<string, string> }>> = {
  'writes/products.2.put-roundtrip-unchanged.response.xml': {
    body: 'file:writes/products.2.put-roundtrip.request.xml',
  },
  'writes/products.2.put-price-without-readonly.response.xml': {
    body: 'file:writes/products.2.put-price.request.xml',
  },
  'writes/products.2.put-price-without-readonly-and-position.response.xml': {
    body: 'file:writes/products.2.put-price-nopos.request.xml',
  },
  'writes/products.post-minimal.response.xml': { body: `file:${PRODUCT_POST}` },
  'writes/products.post-minimal.response.json': { body: `file:${PRODUCT_POST}` },
  'error.put-nonexistent-id.xml': { body: `file:${STOCK_PUT}` },
  'error.put-id-mismatch.xml': { body: `file:${STOCK_PUT}` },
  'error.patch.xml': { body: `file:${STOCK_PUT}` },
  'error.ro-key.products.put.xml': { body: 'file:writes/products.2.put-price-nopos.request.xml' },
  'error.ro-key.products.post.xml': { body: `file:${PRODUCT_POST}` },
  // The recorded errors echo these bodies (code 127, `Original XML : …`).
  'error.post-malformed-xml.xml': {
    body: '<?xml version="1.0"?><prestashop><customer><lastname>Broken</lastname></customer',
  },
  'error.post-json-body.xml': { body: '{"customer":{"lastname":"Json","firstname":"Body"}}' },
  'error.post-missing-required.json': { body: CUSTOMER_WITHOUT_PASSWORD },
  'error.post-invalid-email.xml': { body: CUSTOMER_INVALID },
  // The file name says "accept" but a store only honours Output-Format / Io-Format: that is what
  // returned JSON here.
  'q.accept-json-header.txt': { headers: { 'Output-Format': 'JSON' } },
};

export function knownRequest(file: string): ReplayRequest | undefined {
  const known = KNOWN[file];
  if (known === undefined) return undefined;
  const body = known.body?.startsWith('file:') === true ? readFixture(known.body.slice(5)) : known.body;
  return {
    ...(body !== undefined ? { body } : {}),
    ...(known.headers !== undefined ? { headers: known.headers } : {}),
  };
}
