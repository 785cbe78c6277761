/**
 * `persistStore`: an emulated store that keeps its state in a file across restarts. The seed is
 * rebuilt at each start (it is deterministic); only what was written since is saved: a snapshot of
 * the written rows, and a journal beside it with every change since the snapshot, appended as it
 * happens — so that a process killed at any point loses nothing it had answered.
 */
import { closeSync, existsSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';

import type { EmulatorStore, StoreChange, StoreSnapshot } from './emulator-store.js';
import type { StoredImage } from './emulator-store.js';

const FORMAT = 1;
/** The journal is folded into a new snapshot once it holds this much (and at every open and close). */
const DEFAULT_COMPACT_BYTES = 8 * 1024 * 1024;

export interface PersistStoreOptions {
  /**
   * What the store was built from (`demo`, `small@2026-11-01`…): a saved state is loaded only into a
   * store built the same way, since it holds only what was written over the seed.
   */
  readonly seed: string;
  /** Journal size that triggers a new snapshot (default 8 MiB). */
  readonly compactBytes?: number;
}

export interface PersistedStore {
  /** The file the state is saved in; the journal is `${file}.journal`. */
  readonly file: string;
  /** Whether a saved state was loaded (false: the store starts from its seed). */
  readonly restored: boolean;
  /** Writes a snapshot now and empties the journal. */
  save(): void;
  /** Saves and stops recording; the store stays as it is. */
  close(): void;
}

/** A saved store that cannot be loaded: from another seed, or not a saved store at all. */
export class StoreFileError extends Error {
  override readonly name = 'StoreFileError';
}

interface SavedFile {
  readonly format: number;
  readonly seed: string;
  readonly snapshot: SavedSnapshot;
}

type SavedImage = { readonly mime: string; readonly base64: string };
type SavedSnapshot = Omit<StoreSnapshot, 'images'> & {
  readonly images: Readonly<Record<string, SavedImage>>;
};
type SavedChange =
  | Exclude<StoreChange, { kind: 'image' }>
  | { readonly kind: 'image'; readonly key: string; readonly image: SavedImage | null };

/**
 * Loads the store's saved state from `file` (and its journal) when there is one, then records every
 * change: the journal grows with each write, and is folded into the snapshot at open, at close and
 * when it grows past `compactBytes`.
 *
 * @example
 * const store = createEmulatorStore({ seed: 'demo' });
 * const saved = persistStore(store, './data/emulator-store.json', { seed: 'demo' });
 * const emulator = await startEmulator({ store });
 * // … at exit:
 * saved.close();
 */
export function persistStore(
  store: EmulatorStore,
  file: string,
  options: PersistStoreOptions,
): PersistedStore {
  const journal = `${file}.journal`;
  let restored = false;
  if (existsSync(file)) {
    const snapshot = readSnapshot(file, options.seed);
    try {
      store.restore(snapshot);
    } catch (error) {
      throw new StoreFileError(
        `${file}: ${error instanceof Error ? error.message : String(error)} Move it away to start the store from its seed.`,
      );
    }
    restored = true;
  }
  if (existsSync(journal)) restored = replayJournal(store, journal) > 0 || restored;

  const compactBytes = options.compactBytes ?? DEFAULT_COMPACT_BYTES;
  let fd: number | undefined;
  let journalBytes = 0;
  const save = (): void => {
    const text = JSON.stringify({ format: FORMAT, seed: options.seed, snapshot: toSaved(store.snapshot()) });
    writeFileSync(`${file}.tmp`, text);
    renameSync(`${file}.tmp`, file);
    // Changes replayed over a snapshot that holds them end the same: an empty journal is only tidier.
    if (fd !== undefined) closeSync(fd);
    fd = openSync(journal, 'w');
    journalBytes = 0;
  };
  save();
  let saving = false;
  const unsubscribe = store.onChange((change) => {
    if (fd === undefined) return;
    const line = `${JSON.stringify(toSavedChange(change))}\n`;
    journalBytes += writeSync(fd, line);
    if (journalBytes >= compactBytes && !saving) {
      saving = true;
      try {
        save();
      } finally {
        saving = false;
      }
    }
  });
  return {
    file,
    restored,
    save,
    close() {
      if (fd === undefined) return;
      unsubscribe();
      save();
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}

function readSnapshot(file: string, seed: string): StoreSnapshot {
  let saved: SavedFile;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8')) as SavedFile;
  } catch (error) {
    throw new StoreFileError(
      `${file} is not a saved emulated store (${error instanceof Error ? error.message : String(error)}); ` +
        'move it away to start the store from its seed.',
    );
  }
  if (saved.format !== FORMAT || saved.seed !== seed) {
    throw new StoreFileError(
      `${file} holds an emulated store built from ${saved.seed === undefined ? 'an unknown seed' : `seed '${saved.seed}'`}` +
        `${saved.format === FORMAT ? '' : ` (format ${String(saved.format)})`}, not from '${seed}': ` +
        'move it away to start the store from its seed.',
    );
  }
  return fromSaved(saved.snapshot);
}

/** Applies the journal's changes; a last line cut short by a crash is ignored. */
function replayJournal(store: EmulatorStore, journal: string): number {
  const lines = readFileSync(journal, 'utf8').split('\n');
  let applied = 0;
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let change: SavedChange;
    try {
      change = JSON.parse(line) as SavedChange;
    } catch (error) {
      if (index >= lines.length - 2) return; // the write the process was killed in
      throw new StoreFileError(`${journal}, line ${index + 1}, cannot be read: ${String(error)}.`);
    }
    store.replay(fromSavedChange(change));
    applied += 1;
  });
  return applied;
}

function toSavedImage(image: StoredImage): SavedImage {
  return { mime: image.mime, base64: image.bytes.toString('base64') };
}

function fromSavedImage(image: SavedImage): StoredImage {
  return { mime: image.mime, bytes: Buffer.from(image.base64, 'base64') };
}

function toSaved(snapshot: StoreSnapshot): SavedSnapshot {
  return {
    ...snapshot,
    images: Object.fromEntries(
      Object.entries(snapshot.images).map(([key, image]) => [key, toSavedImage(image)]),
    ),
  };
}

function fromSaved(saved: SavedSnapshot): StoreSnapshot {
  return {
    ...saved,
    images: Object.fromEntries(
      Object.entries(saved.images).map(([key, image]) => [key, fromSavedImage(image)]),
    ),
  };
}

function toSavedChange(change: StoreChange): SavedChange {
  if (change.kind !== 'image') return change;
  return { ...change, image: change.image === null ? null : toSavedImage(change.image) };
}

function fromSavedChange(change: SavedChange): StoreChange {
  if (change.kind !== 'image') return change;
  return { ...change, image: change.image === null ? null : fromSavedImage(change.image) };
}
