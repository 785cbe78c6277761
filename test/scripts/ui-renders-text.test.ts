import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { expect, test } from 'vitest';

/**
 * The console renders store text (names, notes, messages, error pages) as React text; nothing in it
 * may turn a string into HTML. (test/ui/features/store-text.test.tsx shows such text rendered.)
 */

test('no console code writes HTML from strings (dangerouslySetInnerHTML, innerHTML, insertAdjacentHTML)', () => {
  const root = fileURLToPath(new URL('../../src/ui/', import.meta.url));
  const offenders = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(tsx?|html)$/.test(file) && !file.endsWith('schema.gen.ts'))
    .filter((file) =>
      /dangerouslySetInnerHTML|\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write/.test(
        readFileSync(join(root, file), 'utf8'),
      ),
    );
  expect(offenders).toEqual([]);
});
