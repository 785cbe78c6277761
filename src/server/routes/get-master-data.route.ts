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
  summary: "The hub's master data by kind: what settings and mappings may name",
  tags: ['master data'],
  response: {
    200: {
      type: 'object',
      required: ['unitsOfMeasure', 'taxRates', 'locations', 'families', 'shippingMethods', 'paymentMethods'],
      additionalProperties: false,
      properties: {
        unitsOfMeasure: coded(),
        taxRates: coded({ rate: { type: 'string', description: 'Percent, decimal string.' } }),
        locations: coded({ kind: { type: 'string', enum: ['warehouse', 'sales'] } }),
        families: coded({ parentCode: { type: ['string', 'null'] } }),
        shippingMethods: coded(),
        paymentMethods: coded(),
      },
    },
  },
} as const;

/** `GET /master-data`. */
export const registerGetMasterData: RouteRegistration = (app, ctx) => {
  app.get('/master-data', { schema }, async () => {
    const data = ctx.hub.masterData;
    const [unitsOfMeasure, taxRates, locations, families, shippingMethods, paymentMethods] =
      await Promise.all([
        data.list('unitsOfMeasure'),
        data.list('taxRates'),
        data.list('locations'),
        data.list('families'),
        data.list('shippingMethods'),
        data.list('paymentMethods'),
      ]);
    const familyCodes = new Map(families.map((family) => [family.id, family.code]));
    const plain = ({ code, name }: { code: string; name: string }) => ({ code, name });
    return {
      unitsOfMeasure: unitsOfMeasure.map(plain),
      taxRates: taxRates.map(({ code, name, rate }) => ({ code, name, rate })),
      locations: locations.map(({ code, name, kind }) => ({ code, name, kind })),
      families: families.map(({ code, name, parentId }) => ({
        code,
        name,
        parentCode: parentId === null ? null : (familyCodes.get(parentId) ?? null),
      })),
      shippingMethods: shippingMethods.map(plain),
      paymentMethods: paymentMethods.map(plain),
    };
  });
};
