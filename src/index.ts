// The package root: the layers as namespaces (their names overlap, e.g. each has a NotFoundError),
// plus the two entry points most programs start from. Each layer is also its own subpath:
// `prestabridge/webservice`, `prestabridge/emulator`, `prestabridge/hub`.
export * as emulator from './emulator/index.js';
export * as hub from './hub/index.js';
export { openHub } from './hub/index.js';
export * as webservice from './webservice/index.js';
export { PrestaShopClient } from './webservice/index.js';
