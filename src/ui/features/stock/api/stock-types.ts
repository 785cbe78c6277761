/** The wire types of the stock screens, by the names the server gives them (schema.gen.ts). */
import type { components, operations } from '../../../api/schema.gen';

type Json<Op extends keyof operations, Status extends number = 200> = operations[Op]['responses'] extends {
  [S in Status]: { content: { 'application/json': infer T } };
}
  ? T
  : never;

export type ApiStockItem = components['schemas']['ApiStockItem'];
export type ApiStockMovement = Json<'getStockVariantIdMovements'>['items'][number];
export type ApiStockKit = Json<'getStockKits'>['items'][number];
export type ApiOutboxPage = Json<'getOutbox'>;
export type ApiOutboxEntry = ApiOutboxPage['items'][number];
export type ApiOutboxCounts = ApiOutboxPage['counts'];
export type ApiStockAdjusted = Json<'postStockAdjustments', 201>;
export type ApiStockCounted = Json<'postStockCounts', 201>;
