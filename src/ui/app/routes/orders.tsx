import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';

import type { ApiStore } from '../../api/types';
import { Dialog } from '../../components/dialog';
import { EmptyState } from '../../components/empty-state';
import { ErrorBox } from '../../components/error-box';
import { Loading } from '../../components/loading';
import { Pager, usePager } from '../../components/pager';
import { useToast } from '../../components/toaster';
import { useOrder, useOrderConfirmations, useOrderInvoices } from '../../features/orders/api/get-order';
import { type OrderFilters, useOrders } from '../../features/orders/api/get-orders';
import { useApproveOrder } from '../../features/orders/api/order-actions';
import type { ApiHubOrderStatus, ApiShipOrderAnswer } from '../../features/orders/api/order-types';
import {
  OrderFacts,
  OrderHistory,
  OrderInvoices,
  OrderLines,
  OrderMessages,
  OrderShipments,
  OrderTotals,
} from '../../features/orders/components/order-detail';
import { OrderFiltersForm } from '../../features/orders/components/order-filters';
import { HUB_STATUS_LABELS } from '../../features/orders/components/order-status';
import { OrdersTable } from '../../features/orders/components/orders-table';
import { SetStateForm } from '../../features/orders/components/set-state-form';
import { ShipOrderForm } from '../../features/orders/components/ship-order-form';
import { getStoreLiveQueryOptions } from '../../features/stores/api/get-store-live';
import { useStores } from '../../features/stores/api/get-stores';
import { useCanOperate } from '../../lib/operations-access';
import { Page } from '../layout/page';

const FILTER_KEYS = [
  'store',
  'status',
  'storeState',
  'placedFrom',
  'placedTo',
  'updatedFrom',
  'updatedTo',
  'customer',
  'reference',
] as const;

function filtersOf(params: URLSearchParams): OrderFilters {
  const text = (key: string) => params.get(key) || undefined;
  const status = text('status');
  const state = Number(params.get('storeState'));
  return {
    store: text('store'),
    status: status !== undefined && status in HUB_STATUS_LABELS ? (status as ApiHubOrderStatus) : undefined,
    storeState: Number.isInteger(state) && state > 0 ? state : undefined,
    placedFrom: text('placedFrom'),
    placedTo: text('placedTo'),
    updatedFrom: text('updatedFrom'),
    updatedTo: text('updatedTo'),
    customer: text('customer'),
    reference: text('reference'),
  };
}

function useStoresById(): ReadonlyMap<number, ApiStore> {
  const stores = useStores();
  return useMemo(() => new Map((stores.data?.items ?? []).map((store) => [store.id, store])), [stores.data]);
}

/** What the store offers now (order states, carriers), read from it and kept a few minutes; none without a store. */
function useStoreLive(store: string | undefined) {
  return useQuery({ ...getStoreLiveQueryOptions(store ?? ''), enabled: store !== undefined });
}

/** The store's order states by id; undefined while unknown. */
function useStateNames(store: string | undefined): ReadonlyMap<number, string> | undefined {
  const live = useStoreLive(store);
  const states = store === undefined ? undefined : live.data?.orderStates;
  return useMemo(
    () => (states === undefined ? undefined : new Map(states.map((state) => [state.id, state.name]))),
    [states],
  );
}

/**
 * The order states of each store a list shows, by store id: the rows' stores, each read once (the
 * store's live lists, kept a few minutes), so that a list of several stores names each row's state
 * as its own store does.
 */
function useStateNamesByStore(
  storeIds: readonly number[],
  storesById: ReadonlyMap<number, ApiStore>,
): ReadonlyMap<number, ReadonlyMap<number, string>> {
  const listed = [...new Set(storeIds)].flatMap((id) => {
    const store = storesById.get(id);
    return store === undefined ? [] : [store];
  });
  const lives = useQueries({ queries: listed.map((store) => getStoreLiveQueryOptions(store.name)) });
  const names = new Map<number, ReadonlyMap<number, string>>();
  for (const [index, store] of listed.entries()) {
    const states = lives[index]?.data?.orderStates;
    if (states !== undefined) names.set(store.id, new Map(states.map((state) => [state.id, state.name])));
  }
  return names;
}

export function OrdersRoute() {
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const pager = usePager(JSON.stringify(filters));
  const orders = useOrders(filters, pager.page);
  const stores = useStores();
  const storesById = useStoresById();
  const live = useStoreLive(filters.store);
  const stateNames = useStateNamesByStore(
    (orders.data?.items ?? []).map((order) => order.storeId),
    storesById,
  );

  return (
    <Page title="Orders" subtitle="Every store's orders, newest first.">
      <OrderFiltersForm
        // Typed filters start over from the address when it changes (Back, a link).
        key={params.toString()}
        filters={filters}
        stores={(stores.data?.items ?? []).map((store) => store.name)}
        storeStates={filters.store ? (live.data?.orderStates ?? []) : []}
        onChange={(next) => {
          const search = new URLSearchParams();
          for (const key of FILTER_KEYS) {
            const value = next[key];
            if (value !== undefined && value !== '') search.set(key, String(value));
          }
          setParams(search);
        }}
      />
      {orders.isPending && <Loading />}
      {orders.isError && (
        <ErrorBox
          error={orders.error}
          title="The orders could not be read"
          onRetry={() => void orders.refetch()}
        />
      )}
      {orders.data && orders.data.items.length === 0 && pager.number === 1 && (
        <EmptyState
          title={
            FILTER_KEYS.some((key) => filters[key] !== undefined)
              ? 'No orders match these filters.'
              : 'No orders yet: they come with the import-orders feed of each store.'
          }
        />
      )}
      {orders.data && orders.data.items.length > 0 && (
        <OrdersTable
          orders={orders.data.items}
          storeNames={new Map([...storesById].map(([id, store]) => [id, store.name]))}
          stateNames={stateNames}
        />
      )}
      <Pager pager={pager} next={orders.data?.next} label="Orders pages" busy={orders.isFetching} />
    </Page>
  );
}

/** What the last action said, kept on the screen until the next one. */
type Outcome = { readonly tone: 'ok' | 'warn'; readonly text: string };

function shippedOutcome(answer: ApiShipOrderAnswer): Outcome {
  const what = answer.shipment.complete ? 'The order is shipped in full' : 'Part of the order is shipped';
  return answer.confirmationQueued
    ? {
        tone: 'ok',
        text: `${what}. The store will be told${answer.shipment.trackingNumber ? ` (tracking ${answer.shipment.trackingNumber})` : ''}: see Store told under Shipments.`,
      }
    : {
        tone: 'warn',
        text: `${what}. The store will not be told: ${answer.confirmationNote ?? 'no reason given'}`,
      };
}

export function OrderRoute() {
  const id = Number(useParams().id);
  const order = useOrder(id);
  const storesById = useStoresById();
  const store = order.data ? storesById.get(order.data.storeId) : undefined;
  const live = useStoreLive(store?.name);
  const stateNames = useStateNames(store?.name);
  const invoices = useOrderInvoices(id);
  const confirmations = useOrderConfirmations(id, store?.name, order.data?.externalId ?? null);
  const canOperate = useCanOperate();
  const approve = useApproveOrder();
  const notify = useToast();
  const [shipping, setShipping] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const data = order.data;
  const leftToShip =
    data?.lines.some((line) => line.kind === 'product' && line.quantity > line.quantityShipped) ?? false;
  const shippable =
    data !== undefined && ['approved', 'partially_shipped'].includes(data.hubStatus) && leftToShip;

  return (
    <Page
      title={data ? `Order ${data.reference ?? `#${data.id}`}` : `Order ${id}`}
      subtitle={<Link to="/orders">All orders</Link>}
      actions={
        data &&
        canOperate && (
          <>
            {data.hubStatus === 'pending_approval' && (
              <button
                type="button"
                className="button button-primary"
                disabled={approve.isPending}
                onClick={() =>
                  approve.mutate(id, {
                    onSuccess: () => {
                      setOutcome(null);
                      notify('Order approved.');
                    },
                  })
                }
              >
                {approve.isPending ? 'Approving…' : 'Approve'}
              </button>
            )}
            {shippable && (
              <button type="button" className="button button-primary" onClick={() => setShipping(true)}>
                Ship
              </button>
            )}
          </>
        )
      }
    >
      {order.isPending && <Loading />}
      {order.isError && (
        <ErrorBox
          error={order.error}
          title={`Order ${id} could not be read`}
          onRetry={() => void order.refetch()}
        />
      )}
      {approve.isError && <ErrorBox error={approve.error} title="The order was not approved" />}
      {outcome && (
        <p className={outcome.tone === 'ok' ? 'notice' : 'notice notice-warn'} role="status">
          {outcome.text}
        </p>
      )}
      {data && (
        <>
          <OrderFacts order={data} store={store?.name ?? `#${data.storeId}`} stateNames={stateNames} />
          <h2>Lines</h2>
          <OrderLines order={data} />
          <h2>Totals</h2>
          <OrderTotals order={data} />
          <h2>Shipments</h2>
          <OrderShipments order={data} confirmations={confirmations.data?.items} />
          <h2>Store state</h2>
          {canOperate && store && (
            <>
              {live.isError && (
                <ErrorBox error={live.error} title="The store's order states could not be read" />
              )}
              {live.data && (
                <SetStateForm
                  order={data}
                  states={live.data.orderStates}
                  defaultSendEmail={store.settings.orderStateEmails}
                  onDone={(answer) =>
                    setOutcome(
                      answer.delivered
                        ? { tone: 'ok', text: `The store's order is now ${answer.state.name}.` }
                        : {
                            tone: 'warn',
                            text: `The store did not take ${answer.state.name} yet: the change is queued and retried.`,
                          },
                    )
                  }
                />
              )}
            </>
          )}
          <OrderHistory order={data} stateNames={stateNames} />
          <h2>Messages</h2>
          <OrderMessages order={data} />
          <h2>Invoice</h2>
          <OrderInvoices invoices={invoices.data?.items} />
          {shipping && (
            <Dialog
              title={`Ship order ${data.reference ?? `#${data.id}`}`}
              onClose={() => setShipping(false)}
            >
              <ShipOrderForm
                order={data}
                carriers={(live.data?.carriers ?? [])
                  .filter((carrier) => carrier.active)
                  .map((carrier) => carrier.name)}
                onCancel={() => setShipping(false)}
                onDone={(answer) => {
                  setShipping(false);
                  setOutcome(shippedOutcome(answer));
                }}
              />
            </Dialog>
          )}
        </>
      )}
    </Page>
  );
}
