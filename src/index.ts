// The package root re-exports the public layers; each is also reachable on its own subpath
// (`prestabridge/webservice`, `prestabridge/emulator`, `prestabridge/hub`).
export {};
