import {
  AlreadyExistsError,
  HubError,
  InvalidRecordError,
  LastAdminError,
  MissingSecretError,
  NotFoundError,
  redact,
  SettingsValidationError,
  WrongSecretError,
} from '../hub/index.js';
import { GoLiveError } from '../jobs/index.js';
import {
  FeedBusyError,
  FeedPreconditionError,
  MissingPermissionsError,
  StoreConnectionError,
  StoreNotReadyError,
  UnknownFeedError,
} from '../sync/index.js';
import { PrestaShopError } from '../webservice/index.js';

/** What every failed request answers: `{ error: { code, message, … } }`. */
export interface ApiErrorBody {
  readonly error: {
    /** Stable, kebab-case: `validation`, `unauthorized`, `not-found`, `feed-busy`, … */
    readonly code: string;
    readonly message: string;
    /** The request field that is wrong (`body.name`, `querystring.limit`), for validation errors. */
    readonly field?: string;
    /** One line per problem (settings). */
    readonly problems?: readonly string[];
    /** The same problems with the setting each is about (`import.frequencyMinutes`), for forms. */
    readonly fields?: readonly FieldProblem[];
  };
}

export interface FieldProblem {
  readonly key: string;
  readonly message: string;
}

/** An error a route throws on purpose, with its HTTP status and code. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly problems: readonly string[] | undefined;
  readonly fields: readonly FieldProblem[] | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    details: { field?: string; fields?: readonly FieldProblem[]; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = details.field;
    this.fields = details.fields;
    this.problems = details.fields?.map((problem) => problem.message);
  }
}

/** A run was refused because the server is shutting down. */
export class ServerStoppingError extends Error {
  constructor() {
    super('The server is shutting down: no new runs start. Run it again once the server is back.');
    this.name = 'ServerStoppingError';
  }
}

/** The answer to an error: its status and body, and whether the details belong in the log only. */
export interface ErrorAnswer {
  readonly status: number;
  readonly body: ApiErrorBody;
  /** Unexpected: the body says nothing specific, the log gets the error. */
  readonly unexpected: boolean;
}

const GENERIC_MESSAGE = 'Something went wrong on the server; the details are in its log.';

/** Fastify's validation errors, as far as they are needed here. */
interface ValidationFailure {
  readonly validation: ReadonlyArray<{
    readonly instancePath: string;
    readonly keyword: string;
    readonly message?: string;
    readonly params: Record<string, unknown>;
  }>;
  readonly validationContext?: string;
}

/**
 * Maps what a route threw to an HTTP answer: request validation 400 (naming the field), not found
 * 404, busy feed, name conflicts and the last admin 409, what the hub or a feed refuses 422, the store's own errors
 * 502, a missing secret 503, anything else 500 with a generic message. Messages are redacted (no
 * `ws_key`, no user-info in URLs) before they leave.
 */
export function errorAnswer(error: unknown): ErrorAnswer {
  const known = (status: number, code: string, message: string, extra: object = {}): ErrorAnswer => ({
    status,
    body: { error: { code, message: redact(message, []), ...extra } },
    unexpected: false,
  });
  if (error instanceof ApiError) {
    return known(error.status, error.code, error.message, {
      ...(error.field === undefined ? {} : { field: error.field }),
      ...(error.fields === undefined ? {} : { problems: error.problems, fields: error.fields }),
    });
  }
  if (isValidationFailure(error)) {
    const field = validationField(error);
    return known(400, 'validation', validationMessage(error, field), { field });
  }
  if (error instanceof NotFoundError) return known(404, 'not-found', error.message);
  if (error instanceof UnknownFeedError) return known(404, 'not-found', error.message);
  if (error instanceof FeedBusyError) return known(409, 'feed-busy', error.message);
  if (error instanceof AlreadyExistsError) return known(409, 'already-exists', error.message);
  if (error instanceof LastAdminError) return known(409, 'last-admin', error.message);
  if (error instanceof SettingsValidationError)
    return known(422, 'invalid-settings', error.message, { problems: error.problems, fields: error.fields });
  if (error instanceof InvalidRecordError) return known(422, 'invalid-record', error.message);
  if (error instanceof StoreConnectionError) return known(422, 'store-connection', error.message);
  if (error instanceof MissingPermissionsError) return known(422, 'missing-permissions', error.message);
  if (
    error instanceof FeedPreconditionError ||
    error instanceof StoreNotReadyError ||
    error instanceof GoLiveError
  )
    return known(422, 'not-ready', error.message);
  if (error instanceof MissingSecretError || error instanceof WrongSecretError)
    return known(503, 'secret-unavailable', error.message);
  if (error instanceof ServerStoppingError) return known(503, 'shutting-down', error.message);
  if (error instanceof PrestaShopError) return known(502, 'store-error', error.message);
  if (isClientError(error)) return known(error.statusCode, 'bad-request', error.message);
  return {
    status: 500,
    body: { error: { code: error instanceof HubError ? 'hub-error' : 'internal', message: GENERIC_MESSAGE } },
    unexpected: true,
  };
}

function isValidationFailure(error: unknown): error is ValidationFailure {
  return (
    typeof error === 'object' &&
    error !== null &&
    Array.isArray((error as { validation?: unknown }).validation)
  );
}

/** The problem to report: a failed `oneOf` as a whole (its branches' errors would mislead), else the first. */
function firstProblem(error: ValidationFailure): ValidationFailure['validation'][number] | undefined {
  return error.validation.find((problem) => problem.keyword === 'oneOf') ?? error.validation[0];
}

/** `body.name`, `querystring.limit`, `params.id`: where the first problem is. */
function validationField(error: ValidationFailure): string {
  const first = firstProblem(error);
  const part = error.validationContext ?? 'request';
  if (!first) return part;
  const path = first.instancePath
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  const named = first.params.missingProperty ?? first.params.additionalProperty;
  if (typeof named === 'string') path.push(named);
  return [part, ...path].join('.');
}

function validationMessage(error: ValidationFailure, field: string): string {
  const first = firstProblem(error);
  if (!first) return `The request is not valid (${field}).`;
  switch (first.keyword) {
    case 'oneOf':
      return `${field} must take exactly one of the accepted forms (see the route in /openapi.json).`;
    case 'required':
      return `${field} is required.`;
    case 'additionalProperties':
      return `${field} is not a known field; remove it (see /openapi.json for what the route takes).`;
    default:
      return `${field} ${first.message ?? 'is not valid'}.`;
  }
}

/** Fastify's own 4xx errors (a malformed JSON body, an unsupported content type, …). */
function isClientError(error: unknown): error is Error & { statusCode: number } {
  if (!(error instanceof Error)) return false;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}
