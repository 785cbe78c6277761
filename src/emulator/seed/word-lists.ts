/** Words the generators build names from, in English and French (language ids 1 and 2). */

export interface Bilingual {
  readonly en: string;
  readonly fr: string;
}

export interface ProductNoun extends Bilingual {
  /** Category the noun belongs to (ids of the seeded tree). */
  readonly category: number;
  /** Option groups its combinations vary on: 1 size, 2 color, 3 dimension, 4 paper type. */
  readonly options: readonly number[];
  /** Typical price range in cents. */
  readonly price: readonly [number, number];
  readonly weight: string;
}

export const PRODUCT_NOUNS: readonly ProductNoun[] = [
  {
    en: 'printed t-shirt',
    fr: 't-shirt imprimé',
    category: 4,
    options: [1, 2],
    price: [1900, 3500],
    weight: '0.300000',
  },
  { en: 'sweater', fr: 'pull', category: 4, options: [1, 2], price: [3500, 6900], weight: '0.500000' },
  {
    en: 'hoodie',
    fr: 'sweat à capuche',
    category: 4,
    options: [1, 2],
    price: [3900, 7900],
    weight: '0.600000',
  },
  {
    en: 'linen shirt',
    fr: 'chemise en lin',
    category: 4,
    options: [1, 2],
    price: [2900, 5900],
    weight: '0.300000',
  },
  { en: 'dress', fr: 'robe', category: 5, options: [1, 2], price: [3900, 8900], weight: '0.400000' },
  { en: 'blouse', fr: 'chemisier', category: 5, options: [1, 2], price: [2900, 5900], weight: '0.250000' },
  { en: 'cardigan', fr: 'gilet', category: 5, options: [1, 2], price: [3900, 7500], weight: '0.450000' },
  { en: 'notebook', fr: 'carnet', category: 7, options: [4], price: [900, 1900], weight: '0.200000' },
  { en: 'pen set', fr: 'lot de stylos', category: 7, options: [], price: [700, 1500], weight: '0.100000' },
  { en: 'planner', fr: 'agenda', category: 7, options: [4], price: [1200, 2400], weight: '0.300000' },
  { en: 'mug', fr: 'mug', category: 8, options: [], price: [990, 1590], weight: '0.400000' },
  { en: 'cushion', fr: 'coussin', category: 8, options: [2], price: [1590, 2990], weight: '0.500000' },
  {
    en: 'scented candle',
    fr: 'bougie parfumée',
    category: 8,
    options: [],
    price: [1290, 2490],
    weight: '0.350000',
  },
  { en: 'throw blanket', fr: 'plaid', category: 8, options: [2], price: [2990, 5990], weight: '0.900000' },
  {
    en: 'framed poster',
    fr: 'affiche encadrée',
    category: 9,
    options: [3],
    price: [2900, 7900],
    weight: '1.000000',
  },
  { en: 'art print', fr: 'tirage d’art', category: 9, options: [3], price: [1900, 4900], weight: '0.200000' },
];

/** Nouns of downloadable products (virtual, no stock shipped). */
export const VIRTUAL_NOUNS: readonly Bilingual[] = [
  { en: 'vector graphics', fr: 'illustration vectorielle' },
  { en: 'wallpaper pack', fr: 'pack de fonds d’écran' },
  { en: 'colouring pages', fr: 'coloriages à imprimer' },
];

export const MOTIFS: readonly Bilingual[] = [
  { en: 'Hummingbird', fr: 'Colibri' },
  { en: 'Mountain fox', fr: 'Renard des montagnes' },
  { en: 'Brown bear', fr: 'Ours brun' },
  { en: 'Ocean wave', fr: 'Vague océane' },
  { en: 'Forest', fr: 'Forêt' },
  { en: 'Sunset', fr: 'Coucher de soleil' },
  { en: 'Striped', fr: 'Rayé' },
  { en: 'Minimalist', fr: 'Minimaliste' },
  { en: 'Vintage', fr: 'Vintage' },
  { en: 'Organic cotton', fr: 'Coton bio' },
  { en: 'Botanical', fr: 'Botanique' },
  { en: 'Geometric', fr: 'Géométrique' },
  { en: 'Polar bear', fr: 'Ours polaire' },
  { en: 'Lighthouse', fr: 'Phare' },
  { en: 'Alpine', fr: 'Alpin' },
  { en: 'Citrus', fr: 'Agrumes' },
];

export const FIRST_NAMES: readonly string[] = [
  'John',
  'Emma',
  'Lucas',
  'Léa',
  'Hugo',
  'Chloé',
  'Louis',
  'Manon',
  'Gabriel',
  'Camille',
  'Arthur',
  'Inès',
  'Jules',
  'Sarah',
  'Adam',
  'Jade',
  'Raphaël',
  'Louise',
  'Paul',
  'Alice',
  'Nathan',
  'Lina',
  'Tom',
  'Zoé',
  'Oliver',
  'Mia',
  'Noah',
  'Sophie',
  'Ethan',
  'Laura',
  'Victor',
  'Anna',
  'Maxime',
  'Julia',
  'Samuel',
  'Clara',
];

export const LAST_NAMES: readonly string[] = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefebvre',
  'Michel',
  'Garcia',
  'David',
  'Bertrand',
  'Roux',
  'Vincent',
  'Fournier',
  'Morel',
  'Girard',
  'Andre',
  'Mercier',
  'Dupont',
  'Lambert',
  'Bonnet',
  'Francois',
  'Smith',
  'Miller',
  'Weber',
  'Schmidt',
];

/** Cities per country id: [city, postcode, street]. */
export const CITIES: Readonly<Record<number, ReadonlyArray<readonly [string, string, string]>>> = {
  8: [
    ['Paris', '75011', 'rue Oberkampf'],
    ['Lyon', '69002', 'rue de la République'],
    ['Bordeaux', '33000', 'cours de l’Intendance'],
    ['Lille', '59000', 'rue Faidherbe'],
    ['Nantes', '44000', 'quai de la Fosse'],
    ['Toulouse', '31000', 'rue d’Alsace-Lorraine'],
    ['Marseille', '13001', 'La Canebière'],
    ['Bayonne', '64100', 'avenue Maréchal Soult'],
  ],
  1: [
    ['Berlin', '10115', 'Invalidenstraße'],
    ['München', '80331', 'Marienplatz'],
  ],
  3: [
    ['Bruxelles', '1000', 'rue Neuve'],
    ['Gent', '9000', 'Veldstraat'],
  ],
  21: [
    ['New York', '10153', 'Fifth Avenue'],
    ['Miami', '33135', 'Calle Ocho'],
  ],
};
