/**
 * A benchmark's server in a process of its own, so that its CPU and memory do not count against the
 * process being measured. The child script serves with {@link serveUntilStdinCloses}: it prints
 * `{"url":…,"key":…}` on one line once listening and stops when its standard input closes (the
 * benchmark ended, or died) or on SIGTERM. The parent starts it with {@link startChildServer}.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ChildServer {
  readonly url: string;
  readonly key: string;
  readonly process: ChildProcess;
  /** Closes the child's standard input and waits until it has exited. */
  stop(): Promise<void>;
}

/**
 * Runs `script` (TypeScript, through tsx) with `args` in a new Node process with room for a large
 * seed, and waits for its first line.
 *
 * @example
 * const store = await startChildServer(fileURLToPath(new URL('./my-server.ts', import.meta.url)), ['100']);
 * // … requests to store.url with store.key …
 * await store.stop();
 */
export async function startChildServer(script: string, args: readonly string[]): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--max-old-space-size=8192', script, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) =>
      reject(new Error(`${script} exited (${code ?? 'signal'}) before listening`)),
    );
  });
  const { url, key } = JSON.parse(first) as { url: string; key: string };
  return {
    url,
    key,
    process: child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.end();
      await exited;
    },
  };
}

/** In the child script: announces `server` to the parent, then closes it when told to stop. */
export function serveUntilStdinCloses(server: { url: string; key: string; close(): Promise<void> }): void {
  process.stdout.write(`${JSON.stringify({ url: server.url, key: server.key })}\n`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.stdin.on('end', stop);
  process.stdin.resume();
  process.on('SIGTERM', stop);
}
