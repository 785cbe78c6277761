/** Generated customers, each with one to three addresses, built on demand from the seed. */
import { createHash } from 'node:crypto';

import { rngFor } from '../prng.js';
import type { EmuRecord } from '../record.js';
import { passwordHash } from '../store-rules.js';
import { formatWallClock } from '../wall-clock.js';
import { slug } from './catalog-seed.js';
import type { SeedTables } from './seed-tables.js';
import { CITIES, FIRST_NAMES, LAST_NAMES } from './word-lists.js';

export interface CustomerModel {
  readonly customers: number;
  /** Addresses of customer c: addressStart[c] … addressStart[c + 1] − 1. */
  readonly addressStart: Int32Array;
  readonly createdAt: Float64Array;
}

export function buildCustomerModel(key: string, customers: number, start: number): CustomerModel {
  const addressStart = new Int32Array(customers + 2);
  const createdAt = new Float64Array(customers + 1);
  let next = 1;
  for (let c = 1; c <= customers; c += 1) {
    const rng = rngFor(key, 'customer', c);
    addressStart[c] = next;
    const roll = rng.next();
    next += roll < 0.6 ? 1 : roll < 0.9 ? 2 : 3;
    createdAt[c] = start - rng.int(1, 400) * 86_400 + rng.int(0, 86_399);
  }
  addressStart[customers + 1] = next;
  return { customers, addressStart, createdAt };
}

export interface CustomerFacts {
  readonly firstname: string;
  readonly lastname: string;
  readonly email: string;
  readonly secureKey: string;
  readonly language: number;
  readonly country: number;
}

export function customerFacts(key: string, c: number, languages: readonly number[]): CustomerFacts {
  const rng = rngFor(key, 'customer-facts', c);
  const firstname = rng.pick(FIRST_NAMES);
  const lastname = rng.pick(LAST_NAMES);
  const country = rng.chance(0.8) ? 8 : rng.pick([1, 3, 21]);
  return {
    firstname,
    lastname,
    email: `${slug(firstname)}.${slug(lastname)}.${c}@example.com`,
    secureKey: createHash('md5').update(`${key}:customer:${c}`).digest('hex'),
    language: languages.includes(2) && country !== 21 && rng.chance(0.6) ? 2 : 1,
    country,
  };
}

export function seedCustomers(t: SeedTables, key: string, model: CustomerModel, anchor: number): void {
  const languages = t.languages;
  t.base('customers', {
    count: model.customers,
    build(c: number): EmuRecord {
      const facts = customerFacts(key, c, languages);
      const rng = rngFor(key, 'customer-details', c);
      const created = model.createdAt[c] ?? anchor;
      const updated = Math.min(anchor, created + rng.int(0, 200) * 86_400);
      const newsletter = rng.chance(0.3);
      const guest = rng.chance(0.05);
      return {
        id: c,
        values: t.complete('customers', {
          id_default_group: guest ? '2' : '3',
          id_lang: String(facts.language),
          newsletter_date_add: newsletter ? formatWallClock(created) : '0000-00-00 00:00:00',
          ip_registration_newsletter: '',
          last_passwd_gen: formatWallClock(created - 6 * 3600),
          secure_key: facts.secureKey,
          deleted: '0',
          passwd: passwordHash(`customer-${c}`),
          lastname: facts.lastname,
          firstname: facts.firstname,
          email: facts.email,
          id_gender: String(rng.int(1, 2)),
          birthday: rng.chance(0.7)
            ? `${rng.int(1950, 2004)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`
            : '0000-00-00',
          newsletter: newsletter ? '1' : '0',
          optin: rng.chance(0.2) ? '1' : '0',
          website: '',
          company: rng.chance(0.1) ? `${facts.lastname} SARL` : '',
          siret: '',
          ape: '',
          outstanding_allow_amount: '0.000000',
          show_public_prices: '0',
          id_risk: '0',
          max_payment_days: '0',
          active: '1',
          note: '',
          is_guest: guest ? '1' : '0',
          id_shop: '1',
          id_shop_group: '1',
          date_add: formatWallClock(created),
          date_upd: formatWallClock(updated),
          reset_password_token: '',
          reset_password_validity: '0000-00-00 00:00:00',
        }),
        associations: { groups: [{ id: guest ? '2' : '3' }] },
      };
    },
    column(c: number, field: string): string | undefined {
      if (field === 'email') return customerFacts(key, c, languages).email;
      return undefined;
    },
    lookup(field: string, value: string): readonly number[] | undefined {
      if (field !== 'email') return undefined;
      const match = /\.(\d+)@example\.com$/i.exec(value);
      const id = Number(match?.[1] ?? 0);
      return id >= 1 && id <= model.customers ? [id] : [];
    },
  });

  const addressCount = (model.addressStart[model.customers + 1] ?? 1) - 1;
  const ownerOf = (a: number): number => {
    let lo = 1;
    let hi = model.customers;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((model.addressStart[mid] ?? 0) <= a) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  t.base('addresses', {
    count: addressCount,
    build(a: number): EmuRecord {
      const c = ownerOf(a);
      const index = a - (model.addressStart[c] ?? a);
      const facts = customerFacts(key, c, languages);
      const rng = rngFor(key, 'address', a);
      const country = index === 0 ? facts.country : rng.pick([8, 8, 1, 3]);
      const [city, postcode, street] = rng.pick(
        CITIES[country] ?? CITIES[8] ?? [['Paris', '75001', 'rue de Rivoli']],
      );
      const created = formatWallClock((model.createdAt[c] ?? anchor) + index * 86_400 * 30);
      return {
        id: a,
        values: t.complete('addresses', {
          id_customer: String(c),
          id_manufacturer: '0',
          id_supplier: '0',
          id_warehouse: '0',
          id_country: String(country),
          id_state: country === 21 ? String(rng.int(1, 50)) : '0',
          alias: ['My address', 'Home', 'Office'][index] ?? 'My address',
          company: index === 2 ? `${facts.lastname} & Co` : '',
          lastname: facts.lastname,
          firstname: facts.firstname,
          vat_number: '',
          address1: `${rng.int(1, 120)} ${street}`,
          address2: '',
          postcode,
          city,
          other: '',
          phone:
            country === 21
              ? `(212) 555-${String(rng.int(1000, 9999))}`
              : `01${String(rng.int(10000000, 99999999))}`,
          phone_mobile: rng.chance(0.5) ? `06${String(rng.int(10000000, 99999999))}` : '',
          dni: '',
          deleted: '0',
          date_add: created,
          date_upd: created,
        }),
        associations: {},
      };
    },
    column(a: number, field: string): string | undefined {
      return field === 'id_customer' ? String(ownerOf(a)) : undefined;
    },
    lookup(field: string, value: string): readonly number[] | undefined {
      if (field !== 'id_customer') return undefined;
      const c = Number(value);
      if (!(c >= 1 && c <= model.customers)) return [];
      const out: number[] = [];
      for (let a = model.addressStart[c] ?? 0; a < (model.addressStart[c + 1] ?? 0); a += 1) out.push(a);
      return out;
    },
  });
}
