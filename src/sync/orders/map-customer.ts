import type {
  AddressRecord,
  CustomerRecord,
  HubGender,
  OrderAddress,
  StoreSettings,
} from '../../hub/index.js';
import type { PsAddress, PsCustomer } from '../../webservice/index.js';
import type { StoreDates } from '../store-dates.js';
import { storeDate, storeInstant } from '../store-values.js';

/** What mapping addresses needs: country ISO codes and state names by the store's ids. */
export interface AddressLookups {
  readonly countryIso: (countryId: number) => string | undefined;
  readonly stateName: (stateId: number) => string | undefined;
}

/** A store gender id the `genders` setting does not map: reported once, with the setting to add. */
export interface UnmappedGender {
  readonly genderId: string;
}

export interface MappedCustomer {
  readonly record: CustomerRecord;
  /** Set when the customer's gender id has no mapping (the customer is imported with `unknown`). */
  readonly unmappedGender?: UnmappedGender;
}

function trimmed(value: string | undefined): string {
  return (value ?? '').trim();
}

/**
 * A store customer as the hub keeps it: gender through the store's `genders` setting (0 = no
 * civility = unknown; an id without a mapping is imported as unknown and reported), e-mail, names,
 * company, newsletter, birthday, active (a customer deleted in the store is kept inactive).
 * Throws a `StoreValueError` naming the field when a date (`date_upd`, `birthday`) is not a date:
 * the caller fails that customer alone.
 *
 * @example
 * mapCustomer(psCustomer, store.settings.genders, dates).record.gender; // 'female' for id_gender 2
 */
export function mapCustomer(
  customer: PsCustomer,
  genders: StoreSettings['genders'],
  dates: StoreDates,
): MappedCustomer {
  const genderId = trimmed(customer.id_gender);
  let gender: HubGender = 'unknown';
  let unmapped: UnmappedGender | undefined;
  if (genderId !== '' && genderId !== '0') {
    const mapped = genders[genderId];
    if (mapped === undefined) unmapped = { genderId };
    else gender = mapped;
  }
  const record: CustomerRecord = {
    externalId: customer.id,
    externalUpdatedAt: storeInstant(dates, customer.date_upd, 'date_upd'),
    email: trimmed(customer.email),
    firstName: trimmed(customer.firstname),
    lastName: trimmed(customer.lastname),
    company: trimmed(customer.company) || null,
    gender,
    // Checked, but kept as the store wrote it (the hub reads `0000-00-00` as no birthday).
    birthday: storeDate(customer.birthday, 'birthday') ?? (trimmed(customer.birthday) || null),
    newsletter: customer.newsletter === '1',
    active: customer.active === '1' && customer.deleted !== '1',
  };
  return unmapped === undefined ? { record } : { record, unmappedGender: unmapped };
}

/** An address as copied on an order (what the store had when the order was read). */
export function mapOrderAddress(address: PsAddress, lookups: AddressLookups): OrderAddress {
  const countryId = Number(address.id_country);
  const stateId = Number(address.id_state);
  return {
    firstName: trimmed(address.firstname),
    lastName: trimmed(address.lastname),
    company: trimmed(address.company) || null,
    address1: trimmed(address.address1),
    address2: trimmed(address.address2) || null,
    postcode: trimmed(address.postcode) || null,
    city: trimmed(address.city),
    state: stateId > 0 ? (lookups.stateName(stateId) ?? null) : null,
    countryIso: countryId > 0 ? (lookups.countryIso(countryId) ?? null) : null,
    phone: trimmed(address.phone) || null,
    phoneMobile: trimmed(address.phone_mobile) || null,
    vatNumber: trimmed(address.vat_number) || null,
  };
}

/** An order's address when the store no longer has it: empty, so that the order is still imported. */
export const MISSING_ADDRESS: OrderAddress = { firstName: '', lastName: '', address1: '', city: '' };

/**
 * A customer's address for the hub's address book; `phones: false` (setting `customers.phones`)
 * leaves the phone numbers out. Throws a `StoreValueError` when its `date_upd` is not a date.
 */
export function mapCustomerAddress(
  address: PsAddress,
  lookups: AddressLookups,
  dates: StoreDates,
  options: { readonly phones: boolean },
): AddressRecord {
  const base = mapOrderAddress(address, lookups);
  return {
    ...base,
    ...(options.phones ? {} : { phone: null, phoneMobile: null }),
    externalId: address.id,
    customerExternalId: Number(address.id_customer),
    externalUpdatedAt: storeInstant(dates, address.date_upd, 'date_upd'),
    alias: trimmed(address.alias) || null,
    deleted: address.deleted === '1',
  };
}
