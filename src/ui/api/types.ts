/**
 * The wire types the console uses, by the names the server gives them. They come from
 * schema.gen.ts (`npm run api-types`, generated from the server's /openapi.json); what the document
 * does not describe comes from pending-types.ts.
 */
import type { ApiRunReport, ApiStoreSettings } from './pending-types';
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

export type ApiErrorAnswer = Schemas['ApiError'];
/** One wrong setting of a 422 `invalid-settings`: its key path and what is wrong. */
export type ApiFieldProblem = NonNullable<ApiErrorAnswer['error']['fields']>[number];

export type ApiConnectionCheck = Schemas['ApiConnectionCheck'];
export type ApiFeedPermissions = Schemas['ApiFeedPermissions'];
export type ApiFeed = Schemas['ApiFeed'];
export type ApiFeedOption = ApiFeed['options'][number];
export type ApiFeedStatus = Schemas['ApiFeedStatus'];
export type ApiRun = Schemas['ApiRun'];
export type ApiRunStatus = ApiRun['status'];
export type ApiRunCounts = ApiRun['counts'];
export type ApiRequestLogEntry = Schemas['ApiRequestLogEntry'];
export type ApiRequestLogDetail = Schemas['ApiRequestLogDetail'];

/** A store, with its settings typed (the OpenAPI document leaves them open). */
export type ApiStore = Omit<Schemas['ApiStore'], 'settings'> & { readonly settings: ApiStoreSettings };

/** A run with its report typed (the OpenAPI document leaves it open). */
export type ApiRunDetail = Omit<Schemas['ApiRunDetail'], 'report'> & { readonly report: ApiRunReport | null };
export type ApiNoticeGroup = Schemas['ApiRunDetail']['noticeGroups'][number];

/** Every list answer: a page of items and the path of the next page (null on the last one). */
export interface ApiList<T> {
  readonly items: readonly T[];
  readonly next: string | null;
}

// Auth and users.
export type ApiUser = Schemas['ApiUser'];
export type ApiRole = ApiUser['role'];
export type ApiApiToken = Schemas['ApiUserToken'];
export type ApiMe = Answer<'getAuthMe'>;
/** Who is signed in, as /auth/me says (id null for the server token). */
export type ApiMeUser = ApiMe['user'];
export type ApiSignIn = Answer<'postAuthSignIn'>;
export type ApiSignInBody = Body<'postAuthSignIn'>;
export type ApiCreateUserBody = Body<'postUsers'>;
export type ApiUpdateUserBody = Body<'patchUsersUser'>;
export type ApiCreatedToken = Answer<'postUsersUserTokens', 201>;

// Dashboard.
export type ApiDashboard = Answer<'getDashboard'>;
export type ApiDashboardStore = ApiDashboard['stores'][number];
export type ApiStoreHealthStatus = ApiDashboardStore['health']['status'];

// Stores.
export type ApiProbeBody = Body<'postStoresProbe'>;
export type ApiStoreProbe = Schemas['ApiStoreProbe'];
export type ApiAddStoreBody = Body<'postStores'>;
export type ApiAddedStore = Omit<Answer<'postStores', 201>, 'store'> & { readonly store: ApiStore };
export type ApiStoreTest = Omit<Answer<'postStoresStoreTest'>, 'store'> & { readonly store: ApiStore };
export type ApiStoreLive = Answer<'getStoresStoreLive'>;
export type ApiSettingsReference = Answer<'getSettingsReference'>;
export type ApiSettingSpec = ApiSettingsReference['items'][number];
export type ApiMasterData = Answer<'getMasterData'>;

// Go-live.
export type ApiGoLive = Schemas['ApiGoLive'];
export type ApiGoLiveStepState = ApiGoLive['steps'][number]['state'];
export type ApiGoLiveNextBody = Body<'postStoresStoreGoliveNext'>;
/** 202 with the step's run; 200 with nulls when the store was live already. */
export type ApiGoLiveNext = Answer<'postStoresStoreGoliveNext', 202> | Answer<'postStoresStoreGoliveNext'>;

export type { ApiLiveEvents, ApiRunReport, ApiStoreSettings } from './pending-types';
