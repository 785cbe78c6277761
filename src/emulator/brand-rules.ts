/**
 * Brands (`manufacturers`) as PrestaShop 8.1.2's `Manufacturer` keeps them:
 * - `link_rewrite` is a getter, `Tools::str2url($this->name)`; the emulator stores it on each write;
 * - `addresses` lists the brand's live addresses (`getWsAddresses`: `id_manufacturer` = the brand,
 *   `deleted` = 0), so an address written with or without a brand moves in or out of that list;
 * - writing the association re-links addresses (`setWsAddresses`): the brand's addresses lose it,
 *   the listed live ones become its own (`id_customer` and `id_supplier` set to 0).
 */
import type { EmulatorStore } from './emulator-store.js';
import type { AssociationEntry, EmuRecord } from './record.js';
import { textOf } from './record.js';

/** Letters `replaceAccentedChars` spells with more than one plain letter, or not by decomposition. */
const SPELLED: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ł: 'l',
  þ: 'th',
};

/** `Tools::str2url` (8.1.2 `StringModifier::str2url`): `Studio Design` → `studio-design`. */
export function str2url(text: string): string {
  const plain = text
    .trim()
    .toLowerCase()
    .replace(/[ßæœøđłþ]/g, (letter) => SPELLED[letter] ?? letter)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  return plain
    .replace(/[^a-zA-Z0-9\s':/[\]\-\p{L}]/gu, '')
    .replace(/[\s':/[\]-]+/g, ' ')
    .replace(/[ /]/g, '-');
}

function live(address: EmuRecord | undefined): boolean {
  return address !== undefined && textOf(address.values.deleted) !== '1';
}

function brandOf(address: EmuRecord | undefined): number {
  return live(address) ? Number(textOf(address?.values.id_manufacturer)) || 0 : 0;
}

/** Ids of the live addresses of brand `brand`, ascending. */
function addressesOf(store: EmulatorStore, brand: number): AssociationEntry[] {
  const table = store.table('addresses');
  if (table === undefined) return [];
  const ids = table.candidates('id_manufacturer', String(brand)) ?? [...table.ids()];
  return ids
    .filter((id) => brandOf(table.get(id)) === brand)
    .sort((a, b) => a - b)
    .map((id) => ({ id: String(id) }));
}

function relist(store: EmulatorStore, brand: number): void {
  if (brand > 0 && store.get('manufacturers', brand) !== undefined)
    store.patchQuietly('manufacturers', brand, {}, { addresses: addressesOf(store, brand) });
}

/** After a brand is added or changed (`before` undefined on add). */
export function afterBrandWrite(store: EmulatorStore, after: EmuRecord, before?: EmuRecord): void {
  const sent = after.associations.addresses;
  if (sent !== undefined && sent !== before?.associations.addresses) {
    for (const { id } of addressesOf(store, after.id))
      store.patchQuietly('addresses', Number(id), { id_manufacturer: '0' });
    for (const entry of sent) {
      const id = Number(entry.id);
      if (live(store.get('addresses', id)))
        store.patchQuietly('addresses', id, {
          id_customer: '0',
          id_supplier: '0',
          id_manufacturer: String(after.id),
        });
    }
  }
  store.patchQuietly(
    'manufacturers',
    after.id,
    { link_rewrite: str2url(textOf(after.values.name)) },
    { addresses: addressesOf(store, after.id) },
  );
}

/** After an address is added, changed or deleted: the brands it left and joined list it or not. */
export function afterAddressChange(store: EmulatorStore, before?: EmuRecord, after?: EmuRecord): void {
  const left = brandOf(before);
  const joined = brandOf(after);
  if (left === joined) return;
  relist(store, left);
  relist(store, joined);
}
