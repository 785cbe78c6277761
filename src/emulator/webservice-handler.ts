/**
 * The webservice request cycle of PrestaShop's dispatcher and `WebserviceRequest::fetch`: key from
 * HTTP Basic or `ws_key` (none: a plain-text 401), webservice switch (503/22), key checks
 * (17, 18, 20+21), shop checks (999, 132), `language` (78–81), resource (27, 26), method
 * (23, 101, 25), then the handlers; finally the headers a store sends (`PSWS-Version` only once
 * authenticated on 8.x, `Content-Sha1` for a body, `Local-Content-Sha1` → 304).
 */
import { createHash } from 'node:crypto';

import { type ReadContext, readList, readOne, readUnmodeledList } from './entity-reader.js';
import { deleteEntities, writeEntities, type WriteMethod } from './entity-writer.js';
import { handleImages } from './images-handler.js';
import { jsonErrors, php5JsonAnswer } from './json-renderer.js';
import type { ResolvedKey } from './keys.js';
import { phpIsNumeric } from './list-query.js';
import type { RenderContext } from './render-context.js';
import type { HttpVerb } from './resource-definition.js';
import { type ShopContext, shopContext, ShopRedirect } from './shop-scope.js';
import { definitionForVersion } from './store-version.js';
import { didYouMean, type WsErrorEntry, wsFail, WsFailure, WWW_AUTHENTICATE } from './ws-error.js';
import {
  JSON_CONTENT_TYPE,
  type WsAnswer,
  type WsEnvironment,
  type WsRequest,
  XML_CONTENT_TYPE,
} from './ws-exchange.js';
import type { WsOutcome } from './ws-outcome.js';
import { escapeAttribute, xmlDocument, xmlErrors } from './xml-renderer.js';

const KNOWN_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD'];

function header(headers: WsRequest['headers'], name: string): string | undefined {
  return headers[name.toLowerCase()];
}

/** `Io-Format` > `Output-Format` > `output_format` > `io_format`; only the exact `JSON` selects JSON. */
function wantsJson(request: WsRequest): boolean {
  const query = request.query;
  const chosen =
    header(request.headers, 'io-format') ??
    header(request.headers, 'output-format') ??
    (typeof query.output_format === 'string' ? query.output_format : undefined) ??
    (typeof query.io_format === 'string' ? query.io_format : undefined);
  return chosen === 'JSON';
}

/** The key as PHP sees it: the user part of a Basic header, else `ws_key`; undefined when neither. */
function requestKey(request: WsRequest): string | undefined {
  const authorization = request.authorizationStripped ? undefined : header(request.headers, 'authorization');
  const basic = authorization === undefined ? undefined : /^Basic\s+(.*)$/i.exec(authorization);
  if (basic) {
    const decoded = Buffer.from(basic[1] ?? '', 'base64').toString('utf8');
    return decoded.split(':')[0]?.replace(/<[^>]*>/g, '') ?? '';
  }
  return typeof request.query.ws_key === 'string' ? request.query.ws_key : undefined;
}

/** Languages in scope, and the JSON literal of the ids PHP holds as strings. */
interface LanguageScope {
  readonly ids: number[];
  readonly jsonIds: Map<number, string>;
}

/** `language=` as `filterLanguage` reads it: the language ids in scope (codes 78, 79, 80). */
function languagesInScope(param: string, existing: readonly number[]): LanguageScope {
  let asked: string[] = [];
  /** Entries PHP keeps as strings (split from the parameter) rather than integers. */
  let textual = new Set<number>();
  if (phpIsNumeric(param)) {
    asked = [String(Math.trunc(Number(param)))];
  } else if (param.startsWith('[') && param.endsWith(']') && param.length >= 2) {
    const hasPipe = param.includes('|');
    const hasComma = param.includes(',');
    const inner = param.replace(/[[\]]/g, '');
    if (hasPipe !== hasComma) {
      if (hasPipe) {
        asked = inner.split('|');
        textual = new Set(asked.map((_, i) => i));
      } else {
        const range = inner.split(',');
        if (range.length !== 2) {
          throw wsFail(400, 78, 'A range value for a language must contains only 2 values');
        }
        // `$i = $range[0]` is the split string; `++$i` makes the next ones integers.
        for (let i = Number(range[0]); i <= Number(range[1]); i += 1) asked.push(String(i));
        if (asked.length > 0) textual = new Set([0]);
        if (asked.length > 0) asked[0] = range[0] ?? '';
      }
    } else {
      // `#\[(\d)+\]#`: the captured group keeps only the last digit.
      const single = /\[(\d)+\]/.exec(param);
      if (single) {
        asked = [single[1] ?? ''];
        textual = new Set([0]);
      }
    }
  } else {
    throw wsFail(400, 79, 'language value is wrong');
  }
  // PHP's array_search(false, …) returns index 0 as a falsy value: a bad first entry slips through.
  const firstBad = asked.findIndex((value) => !phpIsNumeric(value));
  if (firstBad > 0) throw wsFail(400, 80, 'Language ID must be numeric');
  const ids: number[] = [];
  const jsonIds = new Map<number, string>();
  asked.forEach((value, index) => {
    const id = Math.trunc(Number(value));
    if (!existing.includes(id) || ids.includes(id)) return;
    ids.push(id);
    if (textual.has(index)) jsonIds.set(id, JSON.stringify(value));
  });
  return { ids, jsonIds };
}

interface Checked {
  readonly key: ResolvedKey;
  readonly languages: readonly number[];
  readonly languageJsonIds: ReadonlyMap<number, string>;
  readonly shop: ShopContext | undefined;
}

function crashAnswer(resource: string, verb: string): WsAnswer {
  return {
    status: 500,
    headers: [['Content-Type', 'text/html; charset=utf-8']],
    body: Buffer.alloc(0),
    resource,
    verb,
  };
}

/** Handles one request under `/api/`. Never throws for a client mistake: errors are answers. */
export function handleWebservice(env: WsEnvironment, request: WsRequest): WsAnswer {
  const started = process.hrtime.bigint();
  const json = wantsJson(request);
  const resource = request.segments[0] ?? '';
  const key = requestKey(request);
  const method = typeof request.query.ps_method === 'string' ? request.query.ps_method : request.method;

  // The shop is loaded (config.inc.php) before the dispatcher looks at the key.
  let shop: ShopContext | undefined;
  let shopRefusal: WsFailure | undefined;
  try {
    shop = shopContext(env.store, request.query, {
      shopUrl: request.apiUrl.replace(/\/api\/$/, ''),
      path: request.segments.join('/'),
    });
  } catch (error) {
    if (error instanceof ShopRedirect) {
      return {
        status: 302,
        headers: [
          ['Location', error.location],
          ['Content-Type', 'text/html; charset=utf-8'],
        ],
        body: Buffer.alloc(0),
        resource,
        verb: method,
      };
    }
    if (!(error instanceof WsFailure)) throw error;
    shopRefusal = error;
  }

  if (key === undefined) {
    return {
      status: 401,
      headers: [
        ['WWW-Authenticate', WWW_AUTHENTICATE],
        ['Content-Type', 'text/html; charset=utf-8'],
      ],
      body: Buffer.from('401 Unauthorized'),
      resource,
      verb: method,
    };
  }

  let authenticated = false;
  let outcome: WsOutcome;
  let extraHeaders: Array<[string, string]> = [];
  try {
    if (env.store.config('PS_WEBSERVICE') === '0') {
      throw wsFail(
        503,
        22,
        'The PrestaShop webservice is disabled. Please activate it in the PrestaShop Back Office',
      );
    }
    const resolved = authenticate(env, key.trim());
    authenticated = true;
    if (shopRefusal !== undefined) throw shopRefusal;
    const languageParam = request.query.language;
    const existing = env.store.languageIds();
    const scope =
      typeof languageParam === 'string'
        ? languagesInScope(languageParam, existing)
        : { ids: existing, jsonIds: new Map<number, string>() };
    if (scope.ids.length === 0) throw wsFail(400, 81, 'language is not available');
    outcome = dispatch(
      env,
      request,
      method,
      resource,
      { key: resolved, languages: scope.ids, languageJsonIds: scope.jsonIds, shop },
      json,
    );
  } catch (error) {
    if (!(error instanceof WsFailure)) throw error;
    outcome = { kind: 'errors', status: error.status, entries: error.entries };
    extraHeaders = Object.entries(error.headers);
  }
  return finish(env, request, outcome, {
    json,
    authenticated,
    started,
    extraHeaders,
    resource,
    verb: method,
  });
}

function authenticate(env: WsEnvironment, key: string): ResolvedKey {
  const fail = (entries: WsErrorEntry[]): never => {
    throw new WsFailure(401, entries, { 'WWW-Authenticate': WWW_AUTHENTICATE });
  };
  if (key === '') fail([{ code: 17, message: 'Authentication key is empty' }]);
  if (key.length !== 32) fail([{ code: 18, message: 'Invalid authentication key format' }]);
  const resolved = env.keys.get(key);
  if (resolved === undefined || !resolved.active) {
    fail([
      { code: 20, message: 'Authentification key is not active' },
      { code: 21, message: 'No permission for this authentication key' },
    ]);
  }
  if (resolved === undefined || resolved.permissions.size === 0) {
    return fail([{ code: 21, message: 'No permission for this authentication key' }]);
  }
  return resolved;
}

function dispatch(
  env: WsEnvironment,
  request: WsRequest,
  method: string,
  resource: string,
  checked: Checked,
  json: boolean,
): WsOutcome {
  const entry = env.apiResources.find((candidate) => candidate.name === resource);
  if (resource !== '' && entry === undefined) {
    throw wsFail(
      400,
      27,
      didYouMean(
        `Resource of type "${resource}" does not exists`,
        resource,
        env.apiResources.map((r) => r.name),
      ),
    );
  }
  const granted = resource === '' ? undefined : checked.key.permissions.get(resource);
  if (resource !== '' && granted === undefined) {
    throw new WsFailure(401, [
      { code: 26, message: `Resource of type "${resource}" is not allowed with this authentication key` },
    ]);
  }
  const valid = env.profile.knowsPatch ? [...KNOWN_METHODS, 'PATCH'] : KNOWN_METHODS;
  if (!valid.includes(method)) throw wsFail(405, 23, `Method ${method} is not valid`);
  if (
    entry !== undefined &&
    !entry.verbs.includes(method as HttpVerb) &&
    !(method === 'PATCH' && entry.verbs.includes('PUT'))
  ) {
    throw wsFail(405, 101, `Method ${method} is not allowed for the resource ${resource}`);
  }
  if (granted !== undefined && !granted.has(method as HttpVerb)) {
    throw wsFail(
      405,
      25,
      `Method ${method} is not allowed for the resource ${resource} with this authentication key`,
    );
  }

  const render: RenderContext = {
    apiUrl: request.apiUrl,
    languages: checked.languages,
    languageJsonIds: checked.languageJsonIds,
    cdataAlways: env.profile.cdataAlways,
    dropFalsyInSingle: env.profile.dropFalsyInSingle,
    php5Json: env.profile.php5Json,
    isResource: (name) => env.apiResources.some((entry) => entry.name === name),
    isContextRecord: (definition, id) =>
      definition.contextRecord !== undefined && env.store.contextId(definition.contextRecord) === id,
  };
  const ctx: ReadContext = {
    store: env.store,
    request,
    render,
    json,
    installDir: env.installDir,
    falseOffsetWarnings: env.profile.falseOffsetWarnings,
    ...(checked.shop === undefined ? {} : { shop: checked.shop }),
  };

  if (resource === '') return json ? { kind: 'crash' } : apiRoot(env, ctx, checked.key);
  if (resource === 'images') return handleImages(ctx, method, request.segments, granted ?? new Set());
  const stored = env.store.definition(resource);
  const definition = stored === undefined ? undefined : definitionForVersion(env.profile, stored);
  const modeled = definition !== undefined && env.store.table(resource) !== undefined;
  const id = request.segments[1] ?? '';
  if (method === 'GET' || method === 'HEAD') {
    if (!modeled) return id === '' ? readUnmodeledList(ctx, resource) : { kind: 'empty', status: 404 };
    return id === '' ? readList(ctx, definition) : readOne(ctx, definition, id);
  }
  if (!modeled) {
    throw wsFail(501, 124, `The specific management class is not implemented for the "${resource}" entity.`);
  }
  if (method === 'DELETE') return deleteEntities(ctx, definition, request.segments[1]);
  return writeEntities(ctx, definition, method as WriteMethod);
}

/** `/api/`: the resources this key may use, with its verbs per resource. */
function apiRoot(env: WsEnvironment, ctx: ReadContext, key: ResolvedKey): WsOutcome {
  const shopName = escapeAttribute(env.store.config('PS_SHOP_NAME') ?? env.store.settings.shopName);
  let out = `<api shopName="${shopName}">\n`;
  for (const entry of env.apiResources) {
    const verbs = key.permissions.get(entry.name);
    if (verbs === undefined) continue;
    const flag = (verb: HttpVerb): string => (verbs.has(verb) ? 'true' : 'false');
    const patch = env.profile.knowsPatch ? ` patch="${flag('PATCH')}"` : '';
    const attributes = `xlink:href="${ctx.render.apiUrl}${entry.name}" get="${flag('GET')}" put="${flag('PUT')}" post="${flag('POST')}"${patch} delete="${flag('DELETE')}" head="${flag('HEAD')}"`;
    out += `<${entry.name} ${attributes}>\n<description ${attributes}>\n${entry.description}</description>\n`;
    if (entry.schemaLinks) {
      out += `<schema xlink:href="${ctx.render.apiUrl}${entry.name}?schema=blank" type="blank"/>\n`;
      out += `<schema xlink:href="${ctx.render.apiUrl}${entry.name}?schema=synopsis" type="synopsis"/>\n`;
    }
    out += `</${entry.name}>\n`;
  }
  return { kind: 'content', status: 200, body: xmlDocument(`${out}</api>\n`) };
}

interface FinishOptions {
  readonly json: boolean;
  readonly authenticated: boolean;
  readonly started: bigint;
  readonly extraHeaders: ReadonlyArray<readonly [string, string]>;
  readonly resource: string;
  readonly verb: string;
}

function finish(
  env: WsEnvironment,
  request: WsRequest,
  outcome: WsOutcome,
  options: FinishOptions,
): WsAnswer {
  if (outcome.kind === 'crash') return crashAnswer(options.resource, options.verb);
  const elapsed = Number(process.hrtime.bigint() - options.started) / 1e9;
  const showVersion = options.authenticated || !env.profile.pswsOnlyWhenAuthenticated;
  const headers: Array<[string, string]> = [
    ...options.extraHeaders.map(([n, v]): [string, string] => [n, v]),
  ];
  headers.push(['Access-Time', String(Math.floor(Date.now() / 1000))]);
  headers.push(['X-Powered-By', 'PrestaShop Webservice']);
  headers.push(['PSWS-Version', showVersion ? env.profile.psws : '0']);
  headers.push(['Execution-Time', String(Math.round(elapsed * 1000) / 1000)]);
  const contentType = options.json ? JSON_CONTENT_TYPE : XML_CONTENT_TYPE;
  let status: number;
  let body: Buffer;
  switch (outcome.kind) {
    case 'content': {
      status = outcome.status;
      let text = outcome.body;
      if (
        options.json &&
        env.profile.php5Json &&
        typeof text === 'string' &&
        outcome.contentType === undefined
      ) {
        const php5 = php5JsonAnswer(text, env.installDir);
        text = php5.body;
        status = php5.status ?? status;
      }
      body = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
      const sha1 = createHash('sha1').update(body).digest('hex');
      headers.push(['Content-Sha1', sha1]);
      headers.push(['Content-Type', outcome.contentType ?? contentType]);
      if (env.profile.contentSha1Cache && header(request.headers, 'local-content-sha1') === sha1) {
        return {
          status: 304,
          headers,
          body: Buffer.alloc(0),
          resource: options.resource,
          verb: options.verb,
        };
      }
      break;
    }
    case 'broken-json':
      status = outcome.status;
      body = Buffer.from(outcome.body, 'utf8');
      headers.push(['Content-Sha1', createHash('sha1').update('').digest('hex')]);
      headers.push(['Content-Type', contentType]);
      break;
    case 'empty':
      status = outcome.status;
      body = Buffer.alloc(0);
      break;
    case 'errors':
      status = outcome.status;
      body = Buffer.from(
        options.json ? jsonErrors(outcome.entries) : xmlDocument(xmlErrors(outcome.entries)),
        'utf8',
      );
      headers.push(['Content-Type', contentType]);
      break;
  }
  return { status, headers, body, resource: options.resource, verb: options.verb };
}
