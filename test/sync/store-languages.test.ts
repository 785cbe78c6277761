import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator } from '../../src/emulator/index.js';
import { defaultStoreSettings, type Store } from '../../src/hub/index.js';
import { StoreLanguages } from '../../src/sync/store-languages.js';
import { PrestaShopClient } from '../../src/webservice/index.js';

const languages = new StoreLanguages(
  [
    { id: 2, iso: 'FR' },
    { id: 1, iso: 'en' },
  ],
  2,
);

describe('StoreLanguages', () => {
  it('turns store text by language id into hub text by ISO code, and back', () => {
    expect(languages.text({ 1: 'Mug', 2: 'Tasse', 7: 'gone' })).toEqual({ en: 'Mug', fr: 'Tasse' });
    expect(languages.text('Tasse')).toEqual({ fr: 'Tasse' });
    expect(languages.text(undefined)).toEqual({});
    expect(languages.toStore({ en: 'Mug', fr: 'Tasse', de: 'Becher' })).toEqual({ 1: 'Mug', 2: 'Tasse' });
    expect(languages.all).toEqual([
      { id: 1, iso: 'en' },
      { id: 2, iso: 'fr' },
    ]);
  });

  it('prefers the default language, then the first language with text', () => {
    expect(languages.defaultText({ 1: 'Mug', 2: 'Tasse' })).toBe('Tasse');
    expect(languages.defaultText({ 1: 'Mug', 2: '  ' })).toBe('Mug');
    expect(languages.defaultText({ 1: '', 2: '' })).toBe('');
    expect(new StoreLanguages([{ id: 3, iso: 'de' }], 9).defaultIso).toBe('de');
    expect(() => new StoreLanguages([])).toThrow(/at least one language/);
  });

  describe('of a store the hub knows nothing about yet', () => {
    let emulator: Awaited<ReturnType<typeof startEmulator>>;
    beforeAll(async () => {
      emulator = await startEmulator({ port: 0, seed: 'small' });
    });
    afterAll(async () => {
      await emulator.close();
    });

    it('reads the languages and the default language from the store', async () => {
      const client = new PrestaShopClient({ url: emulator.url, key: emulator.keys[0]! });
      const store = { languages: [], languageId: null, settings: defaultStoreSettings() } as unknown as Store;
      const loaded = await StoreLanguages.load(store, client);
      await client.close();
      expect(loaded.all).toEqual([
        { id: 1, iso: 'en' },
        { id: 2, iso: 'fr' },
      ]);
      expect(loaded.defaultId).toBe(1);
    });
  });
});
