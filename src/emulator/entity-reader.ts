/**
 * GET and HEAD on a resource: the list (`/api/products` with filters, display, sort, limit), the
 * schemas, and one record (`/api/products/1`, 404 with an empty body when missing).
 */
import type { EmulatorStore } from './emulator-store.js';
import { jsonList, jsonSchema, jsonSingle } from './json-renderer.js';
import { selectPage } from './list-executor.js';
import { parseDisplay, parseListRequest, phpInt, QueryRefusal } from './list-query.js';
import { stringParam } from './php-query.js';
import { virtualPriceNames, virtualPrices } from './price-calculator.js';
import type { EmuRecord } from './record.js';
import { textOf } from './record.js';
import { DISPLAY_FULL, type RecordView, type RenderContext } from './render-context.js';
import type { ResourceDefinition } from './resource-definition.js';
import {
  contextStockScope,
  isMultistore,
  listRestriction,
  sameScope,
  scopeOfRow,
  type ShopContext,
  visibleInContext,
} from './shop-scope.js';
import { CLASS_NAMES } from './write-knowledge.js';
import { listQueryWarnings, WsFailure } from './ws-error.js';
import type { WsRequest } from './ws-exchange.js';
import { errorsOutcome, type WsOutcome } from './ws-outcome.js';
import { xmlDocument, xmlList, xmlSchema, xmlSingle } from './xml-renderer.js';

export interface ReadContext {
  readonly store: EmulatorStore;
  readonly request: WsRequest;
  readonly render: RenderContext;
  readonly json: boolean;
  readonly installDir: string;
  /** Whether PHP reports the list code's reads of `false` offsets (see `VersionProfile.falseOffsetWarnings`). */
  readonly falseOffsetWarnings?: boolean;
  /** The shop(s) the request runs in (multistore); absent: the default shop. */
  readonly shop?: ShopContext;
}

/** The record with the values of the version's derived fields (1.6's currency `sign`, …). */
function withDerived(definition: ResourceDefinition, record: EmuRecord): EmuRecord {
  const derived = definition.fields.filter((field) => field.derive !== undefined);
  if (derived.length === 0) return record;
  const values = { ...record.values };
  for (const field of derived) values[field.name] = field.derive?.(record) ?? '';
  return { ...record, values };
}

/**
 * A product's `stock_availables` association as the context shop sees it: the rows of its stock
 * (its own, or its group's shared rows), as `Product::getWsStockAvailables` selects them.
 */
function withContextStock(ctx: ReadContext, record: EmuRecord): EmuRecord {
  if (ctx.shop === undefined || !isMultistore(ctx.store)) return record;
  const scope = contextStockScope(ctx.store, ctx.shop);
  const entries = record.associations.stock_availables ?? [];
  const visible = entries.filter((entry) =>
    sameScope(scopeOfRow(ctx.store.get('stock_availables', Number(entry.id))), scope),
  );
  return { ...record, associations: { ...record.associations, stock_availables: visible } };
}

/** Views with the virtual price fields products and combinations get from `price[…]`. */
function viewsOf(
  ctx: ReadContext,
  definition: ResourceDefinition,
  stored: readonly EmuRecord[],
): RecordView[] {
  const hasPrice = typeof ctx.request.query.price === 'object';
  return stored.map((storedRecord) => {
    const derived = withDerived(definition, storedRecord);
    const record = definition.name === 'products' ? withContextStock(ctx, derived) : derived;
    if (!hasPrice || (definition.name !== 'products' && definition.name !== 'combinations'))
      return { record };
    const virtual =
      definition.name === 'products'
        ? virtualPrices(ctx.store, ctx.request.query, record.id, undefined)
        : virtualPrices(ctx.store, ctx.request.query, Number(textOf(record.values.id_product)), record.id);
    return { record, virtual };
  });
}

export function readList(ctx: ReadContext, definition: ResourceDefinition): WsOutcome {
  const table = ctx.store.table(definition.name);
  let parsed;
  try {
    parsed = parseListRequest(definition, ctx.request.query, virtualPriceNames(ctx.request.query));
  } catch (error) {
    if (error instanceof QueryRefusal) {
      if (error.crash) return { kind: 'crash' };
      // The list code then reads array offsets of `false`: four PHP warnings, status 500.
      if (ctx.falseOffsetWarnings === false) return errorsOutcome(400, [error.entry]);
      return errorsOutcome(500, [error.entry, ...listQueryWarnings(ctx.installDir)]);
    }
    throw error;
  }
  if (parsed.kind === 'schema') {
    const body = ctx.json
      ? jsonSchema(ctx.render, definition, parsed.schema)
      : xmlDocument(xmlSchema(ctx.render, definition, parsed.schema));
    return { kind: 'content', status: 200, body };
  }
  const restriction =
    ctx.shop === undefined ? undefined : listRestriction(ctx.store, definition.name, ctx.shop);
  const ids =
    table === undefined
      ? []
      : selectPage(table, {
          filters: parsed.filters,
          sort: parsed.sort,
          offset: parsed.offset,
          limit: parsed.limit,
          languages: ctx.render.languages,
          ...(restriction === undefined ? {} : { where: restriction }),
        });
  const records = ids
    .map((id) => table?.get(id))
    .filter((record): record is EmuRecord => record !== undefined);
  const views =
    parsed.display.kind === 'minimum'
      ? records.map((record) => ({ record }))
      : viewsOf(ctx, definition, records);
  const body = ctx.json
    ? jsonList(ctx.render, definition, views, parsed.display)
    : xmlDocument(xmlList(ctx.render, definition, views, parsed.display));
  return { kind: 'content', status: 200, body };
}

export function readOne(ctx: ReadContext, definition: ResourceDefinition, rawId: string): WsOutcome {
  const record = ctx.store.table(definition.name)?.get(phpInt(rawId));
  if (record === undefined) return { kind: 'empty', status: 404 };
  if (ctx.shop !== undefined && !visibleInContext(ctx.store, definition.name, record, ctx.shop)) {
    const className = CLASS_NAMES[definition.name] ?? definition.singular;
    return errorsOutcome(404, [
      { code: 131, message: `This ${className} (${record.id}) does not exists on this shop` },
    ]);
  }
  const displayParam = stringParam(ctx.request.query, 'display');
  let display;
  try {
    display = parseDisplay(definition, displayParam, virtualPriceNames(ctx.request.query), DISPLAY_FULL);
  } catch (error) {
    if (error instanceof QueryRefusal) return errorsOutcome(400, [error.entry]);
    if (error instanceof WsFailure) return errorsOutcome(error.status, error.entries);
    throw error;
  }
  const views = viewsOf(ctx, definition, [record]);
  const body = ctx.json
    ? jsonSingle(ctx.render, definition, views, display, 'display' in ctx.request.query)
    : xmlDocument(xmlSingle(ctx.render, definition, views[0] ?? { record }, display));
  return { kind: 'content', status: 200, body };
}

/** A resource the store lists but does not model: an empty list, no records. */
export function readUnmodeledList(ctx: ReadContext, name: string): WsOutcome {
  return { kind: 'content', status: 200, body: ctx.json ? '[]' : xmlDocument(`<${name}>\n</${name}>\n`) };
}
