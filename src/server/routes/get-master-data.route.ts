import type { RouteRegistration } from '../api-context.js';

const coded = (extra: Record<string, object> = {}) =>
  ({
    type: 'array',
    items: {
      type: 'object',
      required: ['code', 'name', ...Object.keys(extra)],
      additionalProperties: false,
      properties: { code: { type: 'string' }, name: { type: 'string' }, ...extra },
    },
  }) as const;

const schema = {
  summary:
    "The hub's master data in use, by kind: what settings and mappings may name (archived records left out)",
  tags: ['master data'],
  response: {
    200: {
      type: 'object',
      required: [
        'unitsOfMeasure',
        'taxRates',
        'locations',
        'families',
        'shippingMethods',
        'paymentMethods',
        'accounts',
      ],
      additionalProperties: false,
      properties: {
        unitsOfMeasure: coded(),
        taxRates: coded({ rate: { type: 'string', description: 'Percent, decimal string.' } }),
        locations: coded({ kind: { type: 'string', enum: ['warehouse', 'sales'] } }),
        families: coded({ parentCode: { type: ['string', 'null'] } }),
        shippingMethods: coded(),
        paymentMethods: coded(),
        accounts: coded({ kind: { type: 'string', enum: ['bank', 'ledger'] } }),
      },
    },
  },
} as const;

/** `GET /master-data`. */
export const registerGetMasterData: RouteRegistration = (app, ctx) => {
  app.get('/master-data', { schema }, async () => {
    const data = ctx.hub.masterData;
    const active = { archived: 'exclude' } as const;
    const [unitsOfMeasure, taxRates, locations, families, shippingMethods, paymentMethods, accounts] =
      await Promise.all([
        data.list('unitsOfMeasure', active),
        data.list('taxRates', active),
        data.list('locations', active),
        data.list('families', active),
        data.list('shippingMethods', active),
        data.list('paymentMethods', active),
        data.list('accounts', active),
      ]);
    const plain = ({ code, name }: { code: string; name: string }) => ({ code, name });
    return {
      unitsOfMeasure: unitsOfMeasure.map(plain),
      taxRates: taxRates.map(({ code, name, rate }) => ({ code, name, rate })),
      locations: locations.map(({ code, name, kind }) => ({ code, name, kind })),
      families: families.map(({ code, name, parentCode }) => ({ code, name, parentCode })),
      shippingMethods: shippingMethods.map(plain),
      paymentMethods: paymentMethods.map(plain),
      accounts: accounts.map(({ code, name, kind }) => ({ code, name, kind })),
    };
  });
};
