/** The wire types of the orders screens, by the names the server gives them (schema.gen.ts). */
import type { components, operations } from '../../../api/schema.gen';

type Schemas = components['schemas'];

export type ApiOrderSummary = Schemas['ApiOrderSummary'];
export type ApiOrder = Schemas['ApiOrder'];
export type ApiOrderLine = ApiOrder['lines'][number];
export type ApiOrderAddress = ApiOrder['billingAddress'];
export type ApiShipment = Schemas['ApiShipment'];
export type ApiHubOrderStatus = ApiOrder['hubStatus'];
export type ApiShipOrderAnswer =
  operations['postOrdersIdShipments']['responses'][201]['content']['application/json'];
export type ApiShipOrderBody = NonNullable<
  operations['postOrdersIdShipments']['requestBody']
>['content']['application/json'];
export type ApiSetOrderStateAnswer =
  operations['putOrdersIdState']['responses'][200]['content']['application/json'];
export type ApiOrderInvoice =
  operations['getOrdersIdInvoices']['responses'][200]['content']['application/json']['items'][number];
export type ApiOutboxEntry =
  operations['getOutbox']['responses'][200]['content']['application/json']['items'][number];
