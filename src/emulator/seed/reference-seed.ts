/**
 * The reference data of a generated store, modeled on a fresh PrestaShop 8.1 install with its
 * demo data, set up as a French shop: languages (en = 1, fr = 2), one shop, euro and dollar,
 * zones, countries and US states, customer groups, the default order states with their real ids
 * and flags, the four default carriers, French VAT (20 %, 10 %, 5.5 %, 0 %) as taxes, tax rules
 * groups and tax rules, the configuration keys clients read, brands, suppliers, the demo
 * category tree (Root = 1, Home = 2, …), and the size/color/dimension/paper options.
 */
import { formatWallClock } from '../wall-clock.js';
import { idEntries, type SeedTables } from './seed-tables.js';
import type { Bilingual } from './word-lists.js';

export interface ReferenceOptions {
  readonly shopName: string;
  readonly timeZone: string;
  /** When the shop was installed, in wall-clock seconds. */
  readonly installedAt: number;
}

const US_STATES: ReadonlyArray<readonly [string, string]> = [
  ['Alabama', 'AL'],
  ['Alaska', 'AK'],
  ['Arizona', 'AZ'],
  ['Arkansas', 'AR'],
  ['California', 'CA'],
  ['Colorado', 'CO'],
  ['Connecticut', 'CT'],
  ['Delaware', 'DE'],
  ['Florida', 'FL'],
  ['Georgia', 'GA'],
  ['Hawaii', 'HI'],
  ['Idaho', 'ID'],
  ['Illinois', 'IL'],
  ['Indiana', 'IN'],
  ['Iowa', 'IA'],
  ['Kansas', 'KS'],
  ['Kentucky', 'KY'],
  ['Louisiana', 'LA'],
  ['Maine', 'ME'],
  ['Maryland', 'MD'],
  ['Massachusetts', 'MA'],
  ['Michigan', 'MI'],
  ['Minnesota', 'MN'],
  ['Mississippi', 'MS'],
  ['Missouri', 'MO'],
  ['Montana', 'MT'],
  ['Nebraska', 'NE'],
  ['Nevada', 'NV'],
  ['New Hampshire', 'NH'],
  ['New Jersey', 'NJ'],
  ['New Mexico', 'NM'],
  ['New York', 'NY'],
  ['North Carolina', 'NC'],
  ['North Dakota', 'ND'],
  ['Ohio', 'OH'],
  ['Oklahoma', 'OK'],
  ['Oregon', 'OR'],
  ['Pennsylvania', 'PA'],
  ['Rhode Island', 'RI'],
  ['South Carolina', 'SC'],
  ['South Dakota', 'SD'],
  ['Tennessee', 'TN'],
  ['Texas', 'TX'],
  ['Utah', 'UT'],
  ['Vermont', 'VT'],
  ['Virginia', 'VA'],
  ['Washington', 'WA'],
  ['West Virginia', 'WV'],
  ['Wisconsin', 'WI'],
  ['Wyoming', 'WY'],
];

/** [id, iso, name, zone, call prefix, needs a state, postcode format]. */
export const COUNTRIES: ReadonlyArray<readonly [number, string, Bilingual, number, number, boolean, string]> =
  [
    [1, 'DE', { en: 'Germany', fr: 'Allemagne' }, 1, 49, false, 'NNNNN'],
    [3, 'BE', { en: 'Belgium', fr: 'Belgique' }, 1, 32, false, 'NNNN'],
    [6, 'ES', { en: 'Spain', fr: 'Espagne' }, 1, 34, false, 'NNNNN'],
    [8, 'FR', { en: 'France', fr: 'France' }, 1, 33, false, 'NNNNN'],
    [10, 'IT', { en: 'Italy', fr: 'Italie' }, 1, 39, false, 'NNNNN'],
    [17, 'GB', { en: 'United Kingdom', fr: 'Royaume-Uni' }, 7, 44, false, ''],
    [19, 'CH', { en: 'Switzerland', fr: 'Suisse' }, 7, 41, false, 'NNNN'],
    [21, 'US', { en: 'United States', fr: 'États-Unis' }, 2, 1, true, 'NNNNN'],
  ];

/**
 * PrestaShop 8.1's order states: [id, name, template, color, flags]. Flags: l logable, i invoice,
 * p paid, s shipped, d delivery, e send e-mail, I pdf invoice, D pdf delivery, u unremovable,
 * h hidden. 14–17 are those the default payment module (ps_checkout) installs.
 */
export const ORDER_STATES: ReadonlyArray<readonly [number, Bilingual, string, string, string, string]> = [
  [
    1,
    { en: 'Awaiting check payment', fr: 'En attente du paiement par chèque' },
    'cheque',
    '#34209E',
    'eu',
    'ps_checkpayment',
  ],
  [2, { en: 'Payment accepted', fr: 'Paiement accepté' }, 'payment', '#3498D8', 'lipeIu', ''],
  [
    3,
    { en: 'Processing in progress', fr: 'En cours de préparation' },
    'preparation',
    '#3498D8',
    'lipdeu',
    '',
  ],
  [4, { en: 'Shipped', fr: 'Expédié' }, 'shipped', '#01B887', 'lipsdeu', ''],
  [5, { en: 'Delivered', fr: 'Livré' }, '', '#01B887', 'lipsdu', ''],
  [6, { en: 'Canceled', fr: 'Annulé' }, 'order_canceled', '#2C3E50', 'eu', ''],
  [7, { en: 'Refunded', fr: 'Remboursé' }, 'refund', '#ED2B2B', 'ieu', ''],
  [8, { en: 'Payment error', fr: 'Erreur de paiement' }, 'payment_error', '#ED2B2B', 'eu', ''],
  [
    9,
    { en: 'On backorder (paid)', fr: 'En attente de réapprovisionnement (payé)' },
    'outofstock',
    '#3498D8',
    'lipeu',
    '',
  ],
  [
    10,
    { en: 'Awaiting bank wire payment', fr: 'En attente de virement bancaire' },
    'bankwire',
    '#34209E',
    'eu',
    'ps_wirepayment',
  ],
  [
    11,
    { en: 'Remote payment accepted', fr: 'Paiement à distance accepté' },
    'payment',
    '#3498D8',
    'lipeIu',
    '',
  ],
  [
    12,
    { en: 'On backorder (not paid)', fr: 'En attente de réapprovisionnement (non payé)' },
    'outofstock',
    '#34209E',
    'eu',
    '',
  ],
  [
    13,
    { en: 'Awaiting Cash On Delivery validation', fr: 'En attente de validation du paiement à la livraison' },
    'cashondelivery',
    '#34209E',
    'eu',
    'ps_cashondelivery',
  ],
  [14, { en: 'Waiting for payment', fr: 'En attente de paiement' }, '', '#34209E', '', 'ps_checkout'],
  [15, { en: 'Partial refund', fr: 'Remboursement partiel' }, '', '#01B887', 'l', 'ps_checkout'],
  [16, { en: 'Partial payment', fr: 'Paiement partiel' }, '', '#3498D8', 'l', 'ps_checkout'],
  [
    17,
    { en: 'Authorized. To be captured by merchant', fr: 'Autorisé. À capturer par le marchand' },
    '',
    '#3498D8',
    'l',
    'ps_checkout',
  ],
];

/** Carriers: [id, name, delay, is free, shipping price excl. tax in cents]. */
export const CARRIERS: ReadonlyArray<readonly [number, string, Bilingual, boolean, number]> = [
  [1, 'Click and collect', { en: 'Pick up in-store', fr: 'Retrait en magasin' }, true, 0],
  [2, 'My carrier', { en: 'Delivery next day!', fr: 'Livraison le lendemain !' }, false, 700],
  [3, 'My cheap carrier', { en: 'Buy more to pay less!', fr: 'Achetez plus, payez moins !' }, false, 500],
  [
    4,
    'My light carrier',
    { en: 'The lighter the cheaper!', fr: 'Plus c’est léger, moins c’est cher !' },
    false,
    900,
  ],
];

/** VAT: [tax id = tax rules group id, rate, name]. */
export const VAT_RATES: ReadonlyArray<readonly [number, string, string]> = [
  [1, '20.000', 'FR Taux standard (20%)'],
  [2, '10.000', 'FR Taux réduit (10%)'],
  [3, '5.500', 'FR Taux réduit (5.5%)'],
  [4, '0.000', 'FR Exonération (0%)'],
];

const OPTION_VALUES: ReadonlyArray<readonly [number, number, string, string]> = [
  [1, 1, 'S', ''],
  [2, 1, 'M', ''],
  [3, 1, 'L', ''],
  [4, 1, 'XL', ''],
  [5, 2, 'Grey', '#AAB2BD'],
  [6, 2, 'Taupe', '#CFC4A6'],
  [7, 2, 'Beige', '#f5f5dc'],
  [8, 2, 'White', '#ffffff'],
  [9, 2, 'Off White', '#faebd7'],
  [10, 2, 'Red', '#E84C3D'],
  [11, 2, 'Black', '#434A54'],
  [12, 2, 'Camel', '#C19A6B'],
  [13, 2, 'Orange', '#F39C11'],
  [14, 2, 'Blue', '#5D9CEC'],
  [15, 2, 'Green', '#A0D468'],
  [16, 2, 'Yellow', '#F1C40F'],
  [17, 2, 'Brown', '#964B00'],
  [18, 2, 'Pink', '#FCCACD'],
  [19, 3, '40x60cm', ''],
  [20, 3, '60x90cm', ''],
  [21, 3, '80x120cm', ''],
  [22, 4, 'Ruled', ''],
  [23, 4, 'Plain', ''],
  [24, 4, 'Squared', ''],
  [25, 4, 'Doted', ''],
];

/** Option value ids of an option group. */
export function optionValuesOf(group: number): number[] {
  return OPTION_VALUES.filter(([, g]) => g === group).map(([id]) => id);
}

/** The English name of an option value and of its group, for order row names. */
export function optionValueLabel(id: number): string {
  const value = OPTION_VALUES.find(([valueId]) => valueId === id);
  const group = ['', 'Size', 'Color', 'Dimension', 'Paper Type'][value?.[1] ?? 0] ?? '';
  return `${group} : ${value?.[2] ?? ''}`;
}

/** The category tree: [id, parent, depth, name, link_rewrite]. */
export const CATEGORIES: ReadonlyArray<readonly [number, number, number, Bilingual, string]> = [
  [1, 0, 0, { en: 'Root', fr: 'Racine' }, 'root'],
  [2, 1, 1, { en: 'Home', fr: 'Accueil' }, 'home'],
  [3, 2, 2, { en: 'Clothes', fr: 'Vêtements' }, 'clothes'],
  [4, 3, 3, { en: 'Men', fr: 'Hommes' }, 'men'],
  [5, 3, 3, { en: 'Women', fr: 'Femmes' }, 'women'],
  [6, 2, 2, { en: 'Accessories', fr: 'Accessoires' }, 'accessories'],
  [7, 6, 3, { en: 'Stationery', fr: 'Papeterie' }, 'stationery'],
  [8, 6, 3, { en: 'Home Accessories', fr: 'Accessoires de maison' }, 'home-accessories'],
  [9, 2, 2, { en: 'Art', fr: 'Art' }, 'art'],
];

/** Ids of a category and its ancestors up to Home (what a product is filed under). */
export function categoryPath(id: number): number[] {
  const path: number[] = [];
  let current = CATEGORIES.find(([cid]) => cid === id);
  while (current !== undefined && current[0] !== 1) {
    path.unshift(current[0]);
    const parent = current[1];
    current = CATEGORIES.find(([cid]) => cid === parent);
  }
  return path;
}

export function seedReference(t: SeedTables, options: ReferenceOptions): void {
  const installed = formatWallClock(options.installedAt);
  const stamp = { date_add: installed, date_upd: installed };

  t.put('languages', 1, {
    name: 'English (English)',
    iso_code: 'en',
    locale: 'en-US',
    language_code: 'en-us',
    active: '1',
    is_rtl: '0',
    date_format_lite: 'm/d/Y',
    date_format_full: 'm/d/Y H:i:s',
  });
  if (t.languages.includes(2)) {
    t.put('languages', 2, {
      name: 'Français (French)',
      iso_code: 'fr',
      locale: 'fr-FR',
      language_code: 'fr-fr',
      active: '1',
      is_rtl: '0',
      date_format_lite: 'd/m/Y',
      date_format_full: 'd/m/Y H:i:s',
    });
  }
  t.put('shop_groups', 1, {
    name: 'Default',
    color: '',
    share_customer: '0',
    share_order: '0',
    share_stock: '0',
    active: '1',
    deleted: '0',
  });
  t.put('shops', 1, {
    id_shop_group: '1',
    id_category: '2',
    active: '1',
    deleted: '0',
    name: options.shopName,
    color: '',
    theme_name: 'classic',
  });
  t.put('currencies', 1, {
    names: { en: 'Euro', fr: 'Euro' },
    name: 'Euro',
    symbol: '€',
    iso_code: 'EUR',
    numeric_iso_code: '978',
    precision: '2',
    conversion_rate: '1.000000',
    deleted: '0',
    active: '1',
    unofficial: '0',
    modified: '0',
    pattern: '',
  });
  t.put('currencies', 2, {
    names: { en: 'US Dollar', fr: 'dollar des États-Unis' },
    name: 'US Dollar',
    symbol: '$',
    iso_code: 'USD',
    numeric_iso_code: '840',
    precision: '2',
    conversion_rate: '1.080000',
    deleted: '0',
    active: '1',
    unofficial: '0',
    modified: '0',
    pattern: '',
  });
  const zones = [
    'Europe',
    'North America',
    'Asia',
    'Africa',
    'Oceania',
    'South America',
    'Europe (non-EU)',
    'Central America/Antilla',
  ];
  zones.forEach((name, index) => t.put('zones', index + 1, { name, active: '1' }));
  for (const [id, iso, name, zone, prefix, states, postcode] of COUNTRIES) {
    t.put('countries', id, {
      id_zone: String(zone),
      id_currency: '0',
      call_prefix: String(prefix),
      iso_code: iso,
      active: '1',
      contains_states: states ? '1' : '0',
      need_identification_number: '0',
      need_zip_code: '1',
      zip_code_format: postcode,
      display_tax_label: '1',
      name,
    });
  }
  US_STATES.forEach(([name, iso], index) =>
    t.put('states', index + 1, { id_zone: '2', id_country: '21', iso_code: iso, name, active: '1' }),
  );
  const groups: ReadonlyArray<readonly [Bilingual, string]> = [
    [{ en: 'Visitor', fr: 'Visiteur' }, '1'],
    [{ en: 'Guest', fr: 'Invité' }, '1'],
    [{ en: 'Customer', fr: 'Client' }, '1'],
  ];
  groups.forEach(([name, display], index) =>
    t.put('groups', index + 1, {
      reduction: '0.00',
      price_display_method: display === '1' ? '0' : '0',
      show_prices: '1',
      ...stamp,
      name,
    }),
  );
  for (const [id, name, template, color, flags, module] of ORDER_STATES) {
    const has = (flag: string): string => (flags.includes(flag) ? '1' : '0');
    t.put('order_states', id, {
      unremovable: has('u'),
      delivery: has('d'),
      hidden: has('h'),
      send_email: has('e'),
      module_name: module,
      invoice: has('i'),
      color,
      logable: has('l'),
      shipped: has('s'),
      paid: has('p'),
      pdf_delivery: has('D'),
      pdf_invoice: has('I'),
      deleted: '0',
      name,
      template,
    });
  }
  for (const [id, name, delay, free] of CARRIERS) {
    t.put('carriers', id, {
      deleted: '0',
      is_module: '0',
      id_tax_rules_group: free ? '0' : '1',
      id_reference: String(id),
      name,
      active: id === 3 ? '0' : '1',
      is_free: free ? '1' : '0',
      url: id === 2 ? 'https://tracking.example.com/@' : '',
      shipping_handling: free ? '0' : '1',
      shipping_external: '0',
      range_behavior: '0',
      shipping_method: free ? '1' : '2',
      max_width: '0',
      max_height: '0',
      max_depth: '0',
      max_weight: '0.000000',
      grade: '0',
      external_module_name: '',
      need_range: '0',
      position: String(id - 1),
      delay,
    });
  }
  for (const [id, rate, name] of VAT_RATES) {
    t.put('taxes', id, { rate, active: '1', deleted: '0', name: { en: name, fr: name } });
    t.put('tax_rule_groups', id, { name, active: '1', deleted: '0', ...stamp });
  }
  let ruleId = 1;
  for (const [group] of VAT_RATES) {
    for (const [country] of COUNTRIES) {
      t.put('tax_rules', ruleId, {
        id_tax_rules_group: String(group),
        id_state: '0',
        id_country: String(country),
        zipcode_from: '0',
        zipcode_to: '0',
        id_tax: String(group),
        behavior: '0',
        description: '',
      });
      ruleId += 1;
    }
  }
  const config: ReadonlyArray<readonly [string, string]> = [
    ['PS_LANG_DEFAULT', '1'],
    ['PS_CURRENCY_DEFAULT', '1'],
    ['PS_COUNTRY_DEFAULT', '8'],
    ['PS_SHOP_DEFAULT', '1'],
    ['PS_SHOP_NAME', options.shopName],
    ['PS_SHOP_EMAIL', 'contact@example.com'],
    ['PS_TIMEZONE', options.timeZone],
    ['PS_WEBSERVICE', '1'],
    ['PS_TAX', '1'],
    ['PS_STOCK_MANAGEMENT', '1'],
    ['PS_ORDER_OUT_OF_STOCK', '0'],
    ['PS_CARRIER_DEFAULT', '2'],
    ['PS_CUSTOMER_GROUP', '3'],
    ['PS_GUEST_GROUP', '2'],
    ['PS_UNIDENTIFIED_GROUP', '1'],
    ['PS_WEIGHT_UNIT', 'kg'],
    ['PS_DIMENSION_UNIT', 'cm'],
    ['PS_PRICE_ROUND_MODE', '2'],
    ['PS_ROUND_TYPE', '1'],
    ['PS_OS_CHEQUE', '1'],
    ['PS_OS_PAYMENT', '2'],
    ['PS_OS_PREPARATION', '3'],
    ['PS_OS_SHIPPING', '4'],
    ['PS_OS_DELIVERED', '5'],
    ['PS_OS_CANCELED', '6'],
    ['PS_OS_REFUND', '7'],
    ['PS_OS_ERROR', '8'],
    ['PS_OS_OUTOFSTOCK', '9'],
    ['PS_OS_OUTOFSTOCK_PAID', '9'],
    ['PS_OS_BANKWIRE', '10'],
    ['PS_OS_WS_PAYMENT', '11'],
    ['PS_OS_OUTOFSTOCK_UNPAID', '12'],
    ['PS_OS_COD_VALIDATION', '13'],
    ['PS_INVOICE_PREFIX', '#IN'],
    ['PS_DELIVERY_PREFIX', '#DE'],
    ['PS_VERSION_DB', '8.1.2'],
    ['PS_MULTISHOP_FEATURE_ACTIVE', '0'],
  ];
  config.forEach(([name, value], index) => t.put('configurations', index + 1, { name, value, ...stamp }));
  t.put('manufacturers', 1, { active: '1', link_rewrite: 'studio-design', name: 'Studio Design', ...stamp });
  t.put('manufacturers', 2, {
    active: '1',
    link_rewrite: 'graphic-corner',
    name: 'Graphic Corner',
    ...stamp,
  });
  t.put('suppliers', 1, {
    link_rewrite: 'fashion-supplier',
    name: 'Fashion supplier',
    active: '1',
    ...stamp,
  });
  t.put('suppliers', 2, {
    link_rewrite: 'accessories-supplier',
    name: 'Accessories supplier',
    active: '1',
    ...stamp,
  });
  const options4: ReadonlyArray<readonly [Bilingual, string]> = [
    [{ en: 'Size', fr: 'Taille' }, 'select'],
    [{ en: 'Color', fr: 'Couleur' }, 'color'],
    [{ en: 'Dimension', fr: 'Dimension' }, 'select'],
    [{ en: 'Paper Type', fr: 'Type de papier' }, 'select'],
  ];
  options4.forEach(([name, type], index) =>
    t.put(
      'product_options',
      index + 1,
      {
        is_color_group: type === 'color' ? '1' : '0',
        group_type: type,
        position: String(index),
        name,
        public_name: name,
      },
      { product_option_values: idEntries(optionValuesOf(index + 1)) },
    ),
  );
  OPTION_VALUES.forEach(([id, group, name, color], index) =>
    t.put('product_option_values', id, {
      id_attribute_group: String(group),
      color,
      position: String(index - (optionValuesOf(group)[0] ?? 1) + 1),
      name,
    }),
  );
  t.put('product_features', 1, { position: '0', name: { en: 'Composition', fr: 'Composition' } });
  t.put('product_features', 2, { position: '1', name: { en: 'Property', fr: 'Propriété' } });
  const featureValues: ReadonlyArray<readonly [number, Bilingual]> = [
    [1, { en: 'Polyester', fr: 'Polyester' }],
    [1, { en: 'Wool', fr: 'Laine' }],
    [1, { en: 'Ceramic', fr: 'Céramique' }],
    [1, { en: 'Cotton', fr: 'Coton' }],
    [1, { en: 'Recycled cardboard', fr: 'Carton recyclé' }],
    [1, { en: 'Matt paper', fr: 'Papier mat' }],
    [2, { en: 'Long sleeves', fr: 'Manches longues' }],
    [2, { en: 'Short sleeves', fr: 'Manches courtes' }],
    [2, { en: 'Removable cover', fr: 'Housse amovible' }],
    [2, { en: '120 pages', fr: '120 pages' }],
  ];
  featureValues.forEach(([feature, value], index) =>
    t.put('product_feature_values', index + 1, { id_feature: String(feature), custom: '0', value }),
  );
}
