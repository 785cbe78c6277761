// prestabridge/webservice: a client for the PrestaShop Webservice. Explicit list; see docs/webservice.md.
export type { Clock } from './clock.js';
export { systemClock } from './clock.js';
export type { PsErrorDetail, PsRequestInfo } from './errors.js';
export {
  AuthenticationError,
  NetworkError,
  NoProgressError,
  NotFoundError,
  PermissionError,
  PrestaShopError,
  RateLimitedError,
  ServerError,
  TimeoutError,
  UnparseableResponseError,
  UnsupportedMethodError,
  ValidationError,
  WebserviceDisabledError,
  WebserviceNotFoundError,
  WriteNotConfirmedError,
} from './errors.js';
export type { IdRange } from './id-ranges.js';
export { idRanges } from './id-ranges.js';
export type { ImageUpload, PsImageOwner } from './image-transfer.js';
export { InvalidRequestError } from './invalid-request-error.js';
export type { IterateOptions } from './page-iterator.js';
export { PageIterator } from './page-iterator.js';
export type { PrestaShopClientOptions, WriteOptions } from './prestashop-client.js';
export { PrestaShopClient } from './prestashop-client.js';
export type {
  PsAssociationEntry,
  PsAssociations,
  PsFieldValue,
  PsIdEntry,
  PsLanguageText,
  PsRecord,
  PsWriteAssociationEntry,
  PsWriteFields,
} from './ps-record.js';
export { isLanguageText, textIn } from './ps-record.js';
export type { PsFilter, PsFilterExpression, PsQuery } from './query.js';
export { filter } from './query.js';
export { redactUrl } from './redact.js';
export type { ClientEvents, ClientWarning, RequestEvent } from './request-event.js';
export type { RequestPacer } from './request-pacer.js';
export type {
  PsAddress,
  PsCarrier,
  PsCategory,
  PsCombination,
  PsConfiguration,
  PsCurrency,
  PsCustomer,
  PsImage,
  PsLanguage,
  PsOrder,
  PsOrderCarrier,
  PsOrderHistory,
  PsOrderRow,
  PsOrderState,
  PsProduct,
  PsProductSupplier,
  PsRecordOf,
  PsResourceTypes,
  PsShop,
  PsStockAvailable,
  PsSupplier,
  PsTaxRuleGroup,
} from './resource-types.js';
export type { RetrySettings } from './retry-policy.js';
export { instantToStoreDate, storeDateToInstant } from './store-dates.js';
export type { PsPermission, PsResourceAccess, PsVerb, StoreProbe } from './store-probe.js';
export { describeMissingPermissions, missingPermissionsIn } from './store-probe.js';
export type { PsSchema, PsSchemaField } from './store-schema.js';
export type { StoreVersionTraits } from './store-version.js';
export { compareStoreVersions, storeVersionTraits } from './store-version.js';
export type { AuthMode, RequestDeadline } from './transport.js';
