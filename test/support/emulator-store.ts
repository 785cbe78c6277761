import type { RunningEmulator } from '../../src/emulator/index.js';
import type { Hub, Store, StoreSettingsInput } from '../../src/hub/index.js';

/** The emulated stores are French shops in English and French, on Paris time. */
export const EMULATOR_LANGUAGES = [
  { id: 1, iso: 'en' },
  { id: 2, iso: 'fr' },
] as const;

/**
 * A hub store for the emulator, set up as `stores add` would (languages, time zone, the full key, a
 * stock and a sales location where the settings leave them unset — `MAIN` and `WEB` when the hub has
 * none), with these settings. `emulator` may be a proxy in front of it: its `url` with the emulator's keys.
 *
 * @example
 * const store = await addEmulatorStore(hub, emulator, 'shop', { customers: { phones: false } });
 */
export function addEmulatorStore(
  hub: Hub,
  emulator: Pick<RunningEmulator, 'url' | 'keys'>,
  name: string,
  settings: StoreSettingsInput = {},
): Promise<Store> {
  return hub.stores.create({
    name,
    url: emulator.url,
    webserviceKey: emulator.keys[0]!,
    timeZone: 'Europe/Paris',
    languages: [...EMULATOR_LANGUAGES],
    languageId: 1,
    settings,
    defaultLocations: true,
  });
}
