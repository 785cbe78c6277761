import { describe, expect, it } from 'vitest';

import { familyFor, mapCategoryCommand } from '../../../src/sync/catalog/family-mapping.js';
import { mapCategory, parentsFirst } from '../../../src/sync/catalog/map-category.js';
import { StoreLanguages } from '../../../src/sync/store-languages.js';
import type { PsCategory } from '../../../src/webservice/index.js';
import { recordedList } from './support/recorded-catalog.js';

const languages = new StoreLanguages([
  { id: 1, iso: 'en' },
  { id: 2, iso: 'fr' },
]);

describe('categories', () => {
  it('maps the recorded tree: the root has no parent, names in each language', () => {
    const records = (recordedList('categories') as PsCategory[]).map((category) =>
      mapCategory(category, languages),
    );
    expect(records).toEqual([
      {
        externalId: 1,
        parentExternalId: null,
        name: 'Root',
        names: { en: 'Root', fr: 'Root' },
        position: 0,
        active: true,
      },
      {
        externalId: 2,
        parentExternalId: 1,
        name: 'Home',
        names: { en: 'Home', fr: 'Home' },
        position: 0,
        active: true,
      },
      expect.objectContaining({ externalId: 3, parentExternalId: 2, name: 'Clothes' }),
    ]);
  });

  it('orders parents before children whatever their ids', () => {
    const ordered = parentsFirst([
      { externalId: 5, parentExternalId: 9, name: 'Child of a newer parent' },
      { externalId: 2, parentExternalId: 1, name: 'Home' },
      { externalId: 9, parentExternalId: 2, name: 'Moved' },
      { externalId: 7, parentExternalId: 42, name: 'Parent not listed' },
    ]);
    expect(ordered.map((record) => record.externalId)).toEqual([2, 7, 9, 5]);
  });

  it('maps a category to its family, and never guesses one', () => {
    const families = new Set(['MEN']);
    expect(familyFor(4, { '4': 'MEN' }, families)).toEqual({ kind: 'mapped', family: 'MEN' });
    expect(familyFor(5, { '4': 'MEN' }, families)).toEqual({ kind: 'unmapped' });
    expect(familyFor(4, { '4': 'WOMEN' }, families)).toEqual({ kind: 'unknown-family', family: 'WOMEN' });
    expect(mapCategoryCommand('shop-fr', 5)).toBe(
      'prestabridge stores set shop-fr categoryFamilies.5=FAMILY',
    );
  });
});
