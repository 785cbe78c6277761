/**
 * `startEmulatorFleet`: many emulated stores in one process, each on its own port, with its own
 * data (the seed moved by the store's index) and its own keys — a fleet for tests and benchmarks
 * on one machine, as an agency's hundreds of client stores would be.
 */
import { randomBytes } from 'node:crypto';

import { type EmulatorOptions, type RunningEmulator, startEmulator } from './emulator-server.js';
import type { KeyConfig } from './keys.js';

export interface EmulatorFleetOptions extends Omit<
  EmulatorOptions,
  'store' | 'keys' | 'port' | 'baseUrl' | 'seed'
> {
  /** How many stores (at least 1). */
  readonly stores: number;
  /** A generated seed (`small`, `demo`, `large`); each store draws its own data from it. Default `demo`. */
  readonly seed?: Exclude<EmulatorOptions['seed'], 'recorded'>;
  /**
   * The first store's port; the others take the next ones (`8081`, `8082`, …). 0 (default): each
   * store on any free port.
   */
  readonly port?: number;
  /** Store names are this and the store's number (`store-001`); default `store-`. */
  readonly namePrefix?: string;
  /** A store's keys (the full-access key first); default two random keys, one full and one read-only. */
  readonly keysFor?: (index: number) => ReadonlyArray<KeyConfig | string>;
}

/** One store of a fleet. */
export interface FleetStore {
  /** `store-001`: what `stores add --name` can take. */
  readonly name: string;
  /** 0-based, the seed variant its data was drawn from. */
  readonly index: number;
  readonly url: string;
  /** Its full-access key. */
  readonly key: string;
  readonly emulator: RunningEmulator;
}

export interface RunningEmulatorFleet {
  readonly stores: readonly FleetStore[];
  /** Stops every store of the fleet. */
  close(): Promise<void>;
}

export class EmulatorFleetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmulatorFleetError';
  }
}

/** A random 32-character key (PrestaShop's length), in PrestaShop's alphabet of capitals and digits. */
function randomKey(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return [...randomBytes(32)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

/**
 * Starts `stores` emulated stores. Each store's keys are random unless `keysFor` says otherwise, so
 * a key of one store is refused by every other (401, as an unknown key). If one store cannot start
 * (its port is taken), those already started are stopped and the error is thrown.
 *
 * @example
 * const fleet = await startEmulatorFleet({ stores: 200, seed: 'small', faults: { latencyMs: 20 } });
 * for (const store of fleet.stores) console.log(store.name, store.url, store.key);
 * await fleet.close();
 */
export async function startEmulatorFleet(options: EmulatorFleetOptions): Promise<RunningEmulatorFleet> {
  const { stores: count, namePrefix = 'store-', port = 0, keysFor, ...shared } = options;
  if (!Number.isInteger(count) || count < 1)
    throw new EmulatorFleetError(`A fleet needs at least one store (got ${String(count)}).`);
  if ((shared.seed as string | undefined) === 'recorded')
    throw new EmulatorFleetError(
      'A fleet needs a generated seed (small, demo or large): the recorded store exists once.',
    );
  const digits = Math.max(3, String(count).length);
  const started: FleetStore[] = [];
  try {
    for (let index = 0; index < count; index += 1) {
      const name = `${namePrefix}${String(index + 1).padStart(digits, '0')}`;
      const emulator = await startEmulator({
        ...shared,
        port: port === 0 ? 0 : port + index,
        keys: keysFor?.(index) ?? [randomKey(), `${randomKey()}:*=GET|HEAD`],
        storeOptions: { shopName: `Fleet shop ${name}`, ...shared.storeOptions, variant: index },
      });
      started.push({ name, index, url: emulator.url, key: emulator.keys[0]!, emulator });
    }
  } catch (error) {
    await Promise.all(started.map((store) => store.emulator.close()));
    throw error;
  }
  return {
    stores: started,
    close: async () => {
      await Promise.all(started.map((store) => store.emulator.close()));
    },
  };
}
