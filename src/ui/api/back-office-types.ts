/**
 * The wire types of the back office's screens (master data, accounting, automation), by the names
 * the server gives them, all from schema.gen.ts (`npm run api-types`). Kept apart from types.ts so
 * that these screens' types read as one group.
 */
import type { components, operations } from './schema.gen';

type Schemas = components['schemas'];

/** The JSON answer of an operation with a given status. */
type Answer<Op extends keyof operations, Status extends number = 200> = operations[Op]['responses'] extends {
  [S in Status]: { content: { 'application/json': infer T } };
}
  ? T
  : never;

/** The JSON body of an operation. */
type Body<Op extends keyof operations> = operations[Op] extends {
  requestBody?: { content: { 'application/json': infer T } };
}
  ? T
  : never;

// Master data.
export type ApiMasterDataRecord = Schemas['ApiMasterDataRecord'];
export type ApiMasterDataUsage = Schemas['ApiMasterDataUsage'];
export type ApiMasterDataKind = operations['getMasterDataKind']['parameters']['path']['kind'];
export type ApiAddMasterDataBody = Body<'postMasterDataKind'>;
export type ApiUpdateMasterDataBody = Body<'patchMasterDataKindCode'>;

// Accounting.
export type ApiInvoiceSummary = Answer<'getInvoices'>['items'][number];
export type ApiInvoiceKind = ApiInvoiceSummary['kind'];
export type ApiInvoice = Answer<'getInvoicesId'>;
export type ApiJournalEntry = Answer<'getJournal'>['items'][number];

// Automation.
export type ApiWebhook = Schemas['ApiWebhook'];
export type ApiWebhookDelivery = Schemas['ApiWebhookDelivery'];
export type ApiWebhookAttempt = Schemas['ApiWebhookAttempt'];
export type ApiEventType = Schemas['ApiEventType'];
export type ApiEventTypeName = ApiEventType['type'];
export type ApiAddWebhookBody = Body<'postWebhooks'>;
export type ApiWebhookWithSecret = Answer<'postWebhooks', 201>;
