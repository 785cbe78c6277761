/** The catalog: products and variants (search, store), one product with its stores, new and edit. */
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';

import { ErrorBox } from '../../components/error-box';
import { SelectField, TextField } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { Pager, usePager } from '../../components/pager';
import { useToast } from '../../components/toaster';
import { useProduct, useProductStores } from '../../features/catalog/api/get-product';
import { type ProductFilters, useProducts } from '../../features/catalog/api/get-products';
import { useAddProduct, useUpdateProduct } from '../../features/catalog/api/save-product';
import { ProductDetail } from '../../features/catalog/components/product-detail';
import { draftOf, newProductOf, patchOf, ProductForm } from '../../features/catalog/components/product-form';
import { ProductsTable } from '../../features/catalog/components/products-table';
import { useStores } from '../../features/stores/api/get-stores';
import { useCan } from '../../lib/authorization';
import { Page } from '../layout/page';

/** Operators and admins change the catalog (the same roles that run feeds); the server checks again. */
const useCanEditCatalog = () => useCan('run-feeds');

function CatalogActions() {
  const canEdit = useCanEditCatalog();
  return (
    <>
      <Link className="button" to="/catalog/import">
        Import and export
      </Link>
      {canEdit && (
        <Link className="button button-primary" to="/catalog/new">
          New product
        </Link>
      )}
    </>
  );
}

export function CatalogRoute() {
  const [params, setParams] = useSearchParams();
  const filters: ProductFilters = {
    search: params.get('search') ?? undefined,
    store: params.get('store') ?? undefined,
  };
  const [typed, setTyped] = useState(filters.search ?? '');
  const pager = usePager(JSON.stringify(filters));
  const products = useProducts(filters, pager.page);
  const stores = useStores();
  const storeNames = useMemo(
    () => new Map((stores.data?.items ?? []).map((store) => [store.id, store.name])),
    [stores.data],
  );
  const apply = (next: ProductFilters) => {
    const search = new URLSearchParams();
    if (next.search) search.set('search', next.search);
    if (next.store) search.set('store', next.store);
    setParams(search);
  };

  return (
    <Page
      title="Catalog"
      subtitle="Products and their variants, one row per variant."
      actions={<CatalogActions />}
    >
      <form
        className="filters"
        role="search"
        aria-label="Search products"
        onSubmit={(event) => {
          event.preventDefault();
          apply({ ...filters, search: typed.trim() || undefined });
        }}
      >
        <TextField
          id="products-search"
          label="Name, SKU or barcode"
          type="search"
          value={typed}
          onChange={setTyped}
        />
        <SelectField
          id="products-store"
          label="Store"
          value={filters.store ?? ''}
          onChange={(store) => apply({ ...filters, store: store || undefined })}
          options={(stores.data?.items ?? []).map((store) => ({ value: store.name, label: store.name }))}
          emptyLabel="Every store and the hub"
        />
        <div className="filters-actions">
          <button type="submit" className="button">
            Search
          </button>
        </div>
      </form>
      {products.isPending && <Loading />}
      {products.isError && (
        <ErrorBox
          error={products.error}
          title="The products could not be read"
          onRetry={() => void products.refetch()}
        />
      )}
      {products.data && <ProductsTable rows={products.data.items} storeNames={storeNames} />}
      <Pager pager={pager} next={products.data?.next} label="Product pages" busy={products.isFetching} />
    </Page>
  );
}

export function NewProductRoute() {
  const add = useAddProduct();
  const navigate = useNavigate();
  const notify = useToast();
  const canEdit = useCanEditCatalog();
  return (
    <Page title="New product" subtitle={<Link to="/catalog">Catalog</Link>}>
      {canEdit ? (
        <ProductForm
          saving={add.isPending}
          error={add.error}
          submitLabel="Create product"
          onSave={(draft) =>
            add.mutate(newProductOf(draft), {
              onSuccess: (product) => {
                notify(`${product.name} created.`);
                void navigate(`/catalog/${product.id}`);
              },
            })
          }
        />
      ) : (
        <p className="notice">Only an operator or an admin creates products.</p>
      )}
    </Page>
  );
}

export function ProductRoute() {
  const id = Number(useParams().id);
  const product = useProduct(id);
  const stores = useProductStores(id);
  const update = useUpdateProduct();
  const notify = useToast();
  const canEdit = useCanEditCatalog();
  const [editing, setEditing] = useState(false);

  return (
    <Page
      title={product.data?.name ?? `Product ${id}`}
      subtitle={<Link to="/catalog">Catalog</Link>}
      actions={
        canEdit &&
        product.data &&
        !editing && (
          <button type="button" className="button" onClick={() => setEditing(true)}>
            Edit
          </button>
        )
      }
    >
      {product.isPending && <Loading />}
      {product.isError && (
        <ErrorBox
          error={product.error}
          title={`Product ${id} could not be read`}
          onRetry={() => void product.refetch()}
        />
      )}
      {stores.isError && <ErrorBox error={stores.error} title="The stores selling it could not be read" />}
      {product.data && editing && (
        <section aria-labelledby="edit-product-title">
          <h2 id="edit-product-title">Edit</h2>
          <ProductForm
            product={product.data}
            saving={update.isPending}
            error={update.error}
            submitLabel="Save product"
            onSave={(draft) => {
              const patch = patchOf(draftOf(product.data), draft);
              if (Object.keys(patch).length === 0) {
                setEditing(false);
                return;
              }
              update.mutate(
                { id, patch },
                {
                  onSuccess: (saved) => {
                    notify(`${saved.name} saved.`);
                    setEditing(false);
                  },
                },
              );
            }}
          />
        </section>
      )}
      {product.data && <ProductDetail product={product.data} stores={stores.data?.stores} />}
    </Page>
  );
}
