// Catalog feeds (products, combinations, categories, images, suppliers, export).
import type { Feed } from '../feed.js';
import { createBarcodesFeed } from './create-barcodes.feed.js';
import { exportProductsFeed } from './export-products.feed.js';
import { importCategoriesFeed } from './import-categories.feed.js';
import { importImagesFeed } from './import-images.feed.js';
import { importProductSuppliersFeed } from './import-product-suppliers.feed.js';
import { importProductsFeed } from './import-products.feed.js';
import { importSuppliersFeed } from './import-suppliers.feed.js';
import { updateProductsFeed } from './update-products.feed.js';

/**
 * The catalog feeds, in the order they should run when several are due: categories and suppliers
 * before the products that refer to them, products before the links, images and barcodes that need
 * them in the hub.
 */
export const catalogFeeds: readonly Feed[] = [
  importCategoriesFeed,
  importSuppliersFeed,
  importProductsFeed,
  updateProductsFeed,
  importProductSuppliersFeed,
  importImagesFeed,
  createBarcodesFeed,
  exportProductsFeed,
];
