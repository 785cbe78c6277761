/** Placeholder replaced below. */
import type { SeededData, StoreLanguage } from '../emulator-store.js';
import { SeedTables } from './seed-tables.js';

export function buildRecordedStore(options: {
  languages: readonly StoreLanguage[];
  timeZone: string;
}): SeededData {
  const t = new SeedTables(options.languages.map((l) => l.id));
  return {
    tables: t.tables,
    settings: { shopName: 'PSRealPeer', timeZone: options.timeZone, languages: options.languages },
  };
}
