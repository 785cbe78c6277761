import { useState } from 'react';
import { createHashRouter, Navigate, type RouteObject, RouterProvider } from 'react-router';

import { AppShell } from './layout/app-shell';
import { AccountingExportRoute, InvoiceRoute, InvoicesRoute, JournalRoute } from './routes/accounting';
import { EventCatalogueRoute, WebhookRoute, WebhooksRoute } from './routes/automation';
import { CatalogRoute, NewProductRoute, ProductRoute } from './routes/catalog';
import { CatalogImportRoute } from './routes/catalog-import';
import { CustomerRoute, CustomersRoute } from './routes/customers';
import { DashboardRoute } from './routes/dashboard';
import { MasterDataRoute } from './routes/master-data';
import { NotFoundRoute } from './routes/not-found';
import { OrderRoute, OrdersRoute } from './routes/orders';
import { RequestLogEntryRoute, RequestLogRoute } from './routes/request-log';
import { RequireAuth } from './routes/require-auth';
import { RunRoute, RunsRoute } from './routes/runs';
import { SignInRoute } from './routes/sign-in';
import {
  StockChecksRoute,
  StockKitsRoute,
  StockLevelsRoute,
  StockOutboxRoute,
  StockRoute,
  StockVariantRoute,
} from './routes/stock';
import { StoreFeedsRoute, StoreRoute, StoreSettingsRoute } from './routes/store';
import { AddStoreRoute, StoresRoute } from './routes/stores';
import { UsersRoute } from './routes/users';

/**
 * The console's screens. Hash routing (`/#/stores/demo/settings`): the server serves index.html at
 * `/` only, and no console path can collide with an API path such as /stores or /runs.
 */
export const routes: RouteObject[] = [
  { path: '/sign-in', element: <SignInRoute /> },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppShell />,
        children: [
          { index: true, element: <DashboardRoute /> },
          { path: 'stores', element: <StoresRoute /> },
          { path: 'stores/new', element: <AddStoreRoute /> },
          {
            path: 'stores/:store',
            element: <StoreRoute />,
            children: [
              { index: true, element: <Navigate to="feeds" replace /> },
              { path: 'feeds', element: <StoreFeedsRoute /> },
              { path: 'settings', element: <StoreSettingsRoute /> },
            ],
          },
          { path: 'catalog', element: <CatalogRoute /> },
          { path: 'catalog/new', element: <NewProductRoute /> },
          { path: 'catalog/import', element: <CatalogImportRoute /> },
          { path: 'catalog/:id', element: <ProductRoute /> },
          { path: 'customers', element: <CustomersRoute /> },
          { path: 'customers/:id', element: <CustomerRoute /> },
          { path: 'orders', element: <OrdersRoute /> },
          { path: 'orders/:id', element: <OrderRoute /> },
          {
            path: 'stock',
            element: <StockRoute />,
            children: [
              { index: true, element: <StockLevelsRoute /> },
              { path: 'variants/:variantId', element: <StockVariantRoute /> },
              { path: 'kits', element: <StockKitsRoute /> },
              { path: 'checks', element: <StockChecksRoute /> },
              { path: 'outbox', element: <StockOutboxRoute /> },
            ],
          },
          { path: 'runs', element: <RunsRoute /> },
          { path: 'runs/:id', element: <RunRoute /> },
          { path: 'request-log', element: <RequestLogRoute /> },
          { path: 'request-log/:id', element: <RequestLogEntryRoute /> },
          { path: 'users', element: <UsersRoute /> },
          { path: 'master-data', element: <Navigate to="/master-data/tax-rates" replace /> },
          { path: 'master-data/:kind', element: <MasterDataRoute /> },
          { path: 'accounting', element: <Navigate to="/accounting/invoices" replace /> },
          { path: 'accounting/invoices', element: <InvoicesRoute /> },
          { path: 'accounting/invoices/:id', element: <InvoiceRoute /> },
          { path: 'accounting/journal', element: <JournalRoute /> },
          { path: 'accounting/export', element: <AccountingExportRoute /> },
          { path: 'automation', element: <Navigate to="/automation/webhooks" replace /> },
          { path: 'automation/webhooks', element: <WebhooksRoute /> },
          { path: 'automation/webhooks/:id', element: <WebhookRoute /> },
          { path: 'automation/events', element: <EventCatalogueRoute /> },
          { path: '*', element: <NotFoundRoute /> },
        ],
      },
    ],
  },
];

export function AppRouter() {
  const [router] = useState(() => createHashRouter(routes));
  return <RouterProvider router={router} />;
}
