/** Customers: the list (search by e-mail or name) and one customer with addresses, phones and orders. */
import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';

import { ErrorBox } from '../../components/error-box';
import { TextField } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { Pager, usePager } from '../../components/pager';
import { useCustomer } from '../../features/customers/api/get-customer';
import { useCustomers } from '../../features/customers/api/get-customers';
import { CustomerDetail } from '../../features/customers/components/customer-detail';
import { CustomersTable } from '../../features/customers/components/customers-table';
import { useStores } from '../../features/stores/api/get-stores';
import { useCan } from '../../lib/authorization';
import { Page } from '../layout/page';

function useStoreNames(): ReadonlyMap<number, string> {
  const stores = useStores();
  return useMemo(
    () => new Map((stores.data?.items ?? []).map((store) => [store.id, store.name])),
    [stores.data],
  );
}

export function CustomersRoute() {
  const [params, setParams] = useSearchParams();
  const search = params.get('search') ?? undefined;
  const [typed, setTyped] = useState(search ?? '');
  const pager = usePager(search ?? '');
  const customers = useCustomers(search, pager.page);
  const storeNames = useStoreNames();
  return (
    <Page title="Customers">
      <form
        className="filters"
        role="search"
        aria-label="Search customers"
        onSubmit={(event) => {
          event.preventDefault();
          const next = new URLSearchParams();
          if (typed.trim()) next.set('search', typed.trim());
          setParams(next);
        }}
      >
        <TextField
          id="customers-search"
          label="E-mail or name"
          type="search"
          value={typed}
          onChange={setTyped}
        />
        <div className="filters-actions">
          <button type="submit" className="button">
            Search
          </button>
        </div>
      </form>
      {customers.isPending && <Loading />}
      {customers.isError && (
        <ErrorBox
          error={customers.error}
          title="The customers could not be read"
          onRetry={() => void customers.refetch()}
        />
      )}
      {customers.data && <CustomersTable rows={customers.data.items} storeNames={storeNames} />}
      <Pager pager={pager} next={customers.data?.next} label="Customer pages" busy={customers.isFetching} />
    </Page>
  );
}

export function CustomerRoute() {
  const id = Number(useParams().id);
  const customer = useCustomer(id);
  const storeNames = useStoreNames();
  // Operators act (choose addresses), as they run feeds; the server checks the role again.
  const canChoose = useCan('run-feeds');
  const name = customer.data ? `${customer.data.firstName} ${customer.data.lastName}`.trim() : '';
  return (
    <Page title={name || `Customer ${id}`} subtitle={<Link to="/customers">Customers</Link>}>
      {customer.isPending && <Loading />}
      {customer.isError && (
        <ErrorBox
          error={customer.error}
          title={`Customer ${id} could not be read`}
          onRetry={() => void customer.refetch()}
        />
      )}
      {customer.data && (
        <CustomerDetail customer={customer.data} storeNames={storeNames} canChoose={canChoose} />
      )}
    </Page>
  );
}
