/**
 * What to do about each kind of notice a run reports, for the run report: a title for the group, the
 * fix in one sentence, and the section of the store's settings page where it is made (null when the
 * fix is not a setting). Notices of a kind not listed here are shown under their own kind, with their
 * messages, which always say what happened.
 */

/** Sections of the store settings page (the console links to them). */
export type SettingsSection =
  | 'connection'
  | 'data-exchange'
  | 'stock'
  | 'extras'
  | 'orders'
  | 'shipping-confirmation'
  | 'catalog'
  | 'customers';

export interface NoticeFix {
  readonly title: string;
  /** Null for notices that only inform. */
  readonly fix: string | null;
  readonly settingsSection: SettingsSection | null;
}

const FIXES: Readonly<Record<string, NoticeFix>> = {
  'unmapped-category': {
    title: 'Categories without a family',
    fix: 'Map each category to a family in the category → family table, then run update-products.',
    settingsSection: 'catalog',
  },
  'unknown-family': {
    title: 'Families the hub does not have',
    fix: 'Create the family in the hub, or map the category to a family that exists.',
    settingsSection: 'catalog',
  },
  'unknown-unit': {
    title: 'Unknown default unit of measure',
    fix: 'Choose a default unit of measure the hub has, or create that unit.',
    settingsSection: 'stock',
  },
  'unknown-tax': {
    title: 'Unknown default tax rate',
    fix: 'Choose a default tax rate the hub has, or create that tax rate.',
    settingsSection: 'stock',
  },
  'unmapped-tax-group': {
    title: 'Tax rules groups without a hub tax rate',
    fix: 'Create a tax rate with that rate in the hub, or set a default tax rate for the store.',
    settingsSection: 'stock',
  },
  'unmapped-carrier': {
    title: 'Carriers without a shipping method',
    fix: 'Map each carrier to a shipping method; the next update-orders fills it in.',
    settingsSection: 'orders',
  },
  'unknown-shipping-method': {
    title: 'Carrier mappings naming a missing shipping method',
    fix: 'Create the shipping method in the hub, or map the carrier to one that exists.',
    settingsSection: 'orders',
  },
  'unmapped-payment': {
    title: 'Payment modules without a payment method',
    fix: 'Map each payment module to a payment method.',
    settingsSection: 'orders',
  },
  'unknown-payment-method': {
    title: 'Payment mappings naming a missing payment method',
    fix: 'Create the payment method in the hub, or map the module to one that exists.',
    settingsSection: 'orders',
  },
  'unknown-shipping-product': {
    title: 'Shipping-cost product not in the hub',
    fix: 'Import or create that product, or change the shipping-cost product.',
    settingsSection: 'orders',
  },
  'unmapped-gender': {
    title: 'Civilities without a gender',
    fix: 'Map each civility id to a gender.',
    settingsSection: 'customers',
  },
  'customer-without-email': {
    title: 'Customers without an e-mail address',
    fix: 'Give them an address in the store if they should be imported; their orders are kept either way.',
    settingsSection: null,
  },
  'totals-mismatch': {
    title: 'Orders whose totals do not add up',
    fix: "Check them in the store: the hub keeps the store's totals and flags the difference.",
    settingsSection: null,
  },
  'order-product': {
    title: 'Ordered products missing in the hub',
    fix: 'Run import-products (or update-products); lines keep their name and reference meanwhile.',
    settingsSection: null,
  },
  'cancelled-after-shipment': {
    title: 'Orders cancelled in the store after the hub shipped them',
    fix: 'Check each order by hand: stock may have to come back.',
    settingsSection: null,
  },
  'nothing-imported': {
    title: 'Nothing to update yet',
    fix: 'Run import-orders first.',
    settingsSection: null,
  },
  'deleted-in-store': {
    title: 'Records deleted in the store',
    fix: 'Nothing to do: the hub marked them deleted and keeps their history.',
    settingsSection: null,
  },
  'kit-components': {
    title: 'Packs whose components are missing',
    fix: 'Import the component products; the pack is completed at the next import.',
    settingsSection: null,
  },
  'depends-on-stock': {
    title: "Products driven by the store's warehouses",
    fix: 'Turn off advanced stock management for them in the store, or leave their stock to the store.',
    settingsSection: null,
  },
  'stock-difference': {
    title: 'Stock differences found and repaired',
    fix: 'Nothing to do: the store now shows the hub’s quantities. Many differences mean someone edits stock in the store.',
    settingsSection: null,
  },
  'stock-open-orders': {
    title: "Units of the store's open orders counted on hand",
    fix: null,
    settingsSection: null,
  },
  'stock-forced': {
    title: 'Stock exported before the initial stock import',
    fix: 'Run import-stock once if the store’s quantities should have been kept.',
    settingsSection: null,
  },
  'outbox-permission': {
    title: 'Changes waiting for a permission',
    fix: 'Grant the permission to the webservice key in the back office (Advanced Parameters > Webservice).',
    settingsSection: 'connection',
  },
  'outbox-warning': {
    title: 'Changes the store made with a problem around them',
    fix: "Nothing to resend: the store made the change. Check the store's mail settings (Advanced Parameters > E-mail) so that customers are told.",
    settingsSection: null,
  },
  'export-conflict': {
    title: 'Products changed on both sides',
    fix: 'Decide which side wins for each, or set the product master.',
    settingsSection: 'catalog',
  },
  'export-plan': { title: 'What the export did, product by product', fix: null, settingsSection: null },
  'export-plan-summary': { title: 'Export summary', fix: null, settingsSection: null },
  'export-quantity': {
    title: 'Quantities not exported',
    fix: 'Run the initial stock import first (or export with force).',
    settingsSection: null,
  },
};

export function noticeFix(kind: string): NoticeFix | undefined {
  return FIXES[kind];
}

export interface NoticeGroup {
  readonly kind: string;
  readonly title: string;
  readonly fix: string | null;
  readonly settingsSection: SettingsSection | null;
  readonly notices: ReadonlyArray<{ readonly key: string; readonly message: string }>;
}

/** A report's notices grouped by kind, each group with what to do about it. */
export function groupNotices(
  notices: ReadonlyArray<{ readonly kind: string; readonly key: string; readonly message: string }>,
): NoticeGroup[] {
  const groups = new Map<string, { key: string; message: string }[]>();
  for (const { kind, key, message } of notices) {
    const group = groups.get(kind) ?? [];
    group.push({ key, message });
    groups.set(kind, group);
  }
  return [...groups].map(([kind, items]) => {
    const known = noticeFix(kind);
    return {
      kind,
      title: known?.title ?? kind,
      fix: known?.fix ?? null,
      settingsSection: known?.settingsSection ?? null,
      notices: items,
    };
  });
}
