import { readFile } from 'node:fs/promises';

import { expect, test } from 'vitest';

import { generateApiTypes, SCHEMA_FILE } from '../../scripts/generate-api-types.js';

test('src/ui/api/schema.gen.ts is what the server’s /openapi.json generates', async () => {
  const committed = await readFile(SCHEMA_FILE, 'utf8');
  const fresh = await generateApiTypes();
  expect(
    committed === fresh,
    'src/ui/api/schema.gen.ts differs from the server’s /openapi.json: run `npm run api-types` and commit the file.',
  ).toBe(true);
  // Builds the whole server and runs openapi-typescript: seconds alone, much longer beside other files.
}, 120_000);
