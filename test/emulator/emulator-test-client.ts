/** A tiny HTTP helper for emulator tests: authenticated requests to a running emulator. */
import type { RunningEmulator } from '../../src/emulator/index.js';

export interface TestAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

export function basic(key: string): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` };
}

/** `path` is relative to `/api/`; the first key of the emulator is used unless `headers` say otherwise. */
export async function call(
  emulator: RunningEmulator,
  path: string,
  init: {
    method?: string;
    body?: string | Buffer;
    headers?: Record<string, string>;
    key?: string | null;
  } = {},
): Promise<TestAnswer> {
  const key = init.key === undefined ? emulator.keys[0] : init.key;
  const headers = { ...(key === null || key === undefined ? {} : basic(key)), ...(init.headers ?? {}) };
  const response = await fetch(`${emulator.address}/api/${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

export async function callJson(emulator: RunningEmulator, path: string): Promise<unknown> {
  const answer = await call(emulator, `${path}${path.includes('?') ? '&' : '?'}output_format=JSON`);
  if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${answer.text}`);
  return JSON.parse(answer.text) as unknown;
}

export async function control(
  emulator: RunningEmulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${emulator.address}/__emulator/${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The text of `<name>` (first occurrence) in an XML answer. */
export function xmlValue(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}(?: [^>]*)?>(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>)?</${name}>`).exec(xml);
  return match === null ? undefined : (match[1] ?? '');
}

/** Codes of the `<error>` entries of an XML error answer. */
export function errorCodes(xml: string): number[] {
  return [...xml.matchAll(/<code><!\[CDATA\[(\d+)\]\]><\/code>/g)].map((m) => Number(m[1]));
}
