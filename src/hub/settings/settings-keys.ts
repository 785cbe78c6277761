import { suggestSettingKey } from './setting-suggestion.js';
import { findSettingSpec, isMapSetting, SETTING_SPECS, type SettingSpec } from './settings-reference.js';
import type { StoreSettings } from './store-settings.js';

/**
 * Settings as `key=value` text, for the CLI (`prestabridge stores set NAME import.enabled=true
 * orderStates.3=import carriers.12=POSTNL`): keys are dotted paths (camelCase; snake_case is
 * accepted), lists are comma-separated, an empty value clears a setting or removes a map entry.
 */

/** A nested, partial settings object; `null` in a map removes that entry. */
export type SettingsPatch = Record<string, unknown>;

export interface ParsedAssignments {
  readonly patch: SettingsPatch;
  /** Assignments that could not be read (unknown key, missing `=`). Values are checked by validation. */
  readonly problems: readonly string[];
}

const TRUE = new Set(['true', 'yes', 'on', '1']);
const FALSE = new Set(['false', 'no', 'off', '0']);

function camel(segment: string): string {
  return segment.replace(/[_-]+([a-z0-9])/gi, (_all, letter: string) => letter.toUpperCase());
}

/** Finds the spec for a typed key, normalizing only the fixed segments (map keys stay as typed). */
function resolveKey(typed: string): { path: string[]; spec: SettingSpec } | undefined {
  const segments = typed.split('.').map((segment) => segment.trim());
  for (const spec of SETTING_SPECS) {
    const pattern = spec.key.split('.');
    if (pattern.length !== segments.length) continue;
    const path: string[] = [];
    const matches = pattern.every((fixed, index) => {
      const segment = segments[index] ?? '';
      if (fixed.startsWith('<')) {
        path.push(segment);
        return segment !== '';
      }
      path.push(fixed);
      return camel(segment).toLowerCase() === fixed.toLowerCase();
    });
    if (matches) return { path, spec };
  }
  return undefined;
}

/** Converts typed text to the setting's type; text that does not convert is kept, so validation names it. */
function convert(spec: SettingSpec, raw: string, isMapEntry: boolean): unknown {
  const text = raw.trim();
  if ((text === '' || text.toLowerCase() === 'null') && (spec.nullable || isMapEntry)) return null;
  switch (spec.kind) {
    case 'boolean': {
      const lower = text.toLowerCase();
      return TRUE.has(lower) ? true : FALSE.has(lower) ? false : raw;
    }
    case 'integer':
      return /^-?\d+$/.test(text) ? Number(text) : raw;
    case 'integer-list':
      return text === ''
        ? []
        : text.split(',').map((item) => (/^\s*\d+\s*$/.test(item) ? Number(item) : item.trim()));
    case 'text-list':
      return text === '' ? [] : text.split(',').map((item) => item.trim());
    case 'text':
    case 'choice':
      return text;
  }
}

/**
 * Reads `key=value` assignments into a settings patch.
 *
 * @example
 * parseSettingAssignments(['import.enabled=true', 'order_states.3=retry', 'carriers.12=']);
 * // { patch: { import: { enabled: true }, orderStates: { '3': 'retry' }, carriers: { '12': null } }, problems: [] }
 */
export function parseSettingAssignments(assignments: readonly string[]): ParsedAssignments {
  const patch: SettingsPatch = {};
  const problems: string[] = [];
  for (const assignment of assignments) {
    const equals = assignment.indexOf('=');
    if (equals <= 0) {
      problems.push(
        `'${assignment}' is not a setting assignment: write key=value (for example import.enabled=true)`,
      );
      continue;
    }
    const typedKey = assignment.slice(0, equals).trim();
    const resolved = resolveKey(typedKey);
    if (!resolved) {
      const hint = suggestSettingKey(typedKey);
      problems.push(
        `unknown setting '${typedKey}' (${hint === undefined ? '' : `did you mean '${hint}'? `}docs/hub.md lists every setting)`,
      );
      continue;
    }
    const isMapEntry = resolved.spec.key.includes('<');
    let node = patch;
    for (const segment of resolved.path.slice(0, -1)) {
      const child = node[segment];
      node = typeof child === 'object' && child !== null ? (child as SettingsPatch) : (node[segment] = {});
    }
    node[resolved.path.at(-1) ?? ''] = convert(resolved.spec, assignment.slice(equals + 1), isMapEntry);
  }
  return { patch, problems };
}

/**
 * Applies a patch to settings: nested objects merge, maps gain or (with `null`) lose entries,
 * everything else is replaced. The result still needs validation.
 */
export function applySettingsPatch(current: StoreSettings, patch: SettingsPatch): Record<string, unknown> {
  return merge(current, patch, '');
}

function merge(base: Record<string, unknown>, patch: SettingsPatch, prefix: string): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const name = prefix === '' ? key : `${prefix}.${key}`;
    const existing = result[key];
    if (isMapSetting(name) && isPlainObject(value)) {
      const map: Record<string, unknown> = isPlainObject(existing) ? { ...existing } : {};
      for (const [entry, entryValue] of Object.entries(value)) {
        if (entryValue === null) delete map[entry];
        else map[entry] = entryValue;
      }
      result[key] = map;
    } else if (isPlainObject(value) && isPlainObject(existing)) {
      result[key] = merge(existing, value, name);
    } else {
      result[key] = value;
    }
  }
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((item) => formatValue(item)).join(',');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * Every setting as a `key=value` line, in reference order (maps one line per entry); reading the
 * lines back with {@link parseSettingAssignments} gives the same settings.
 */
export function serializeSettings(settings: StoreSettings): string[] {
  const lines: string[] = [];
  const root = settings as unknown as Record<string, unknown>;
  for (const spec of SETTING_SPECS) {
    const segments = spec.key.split('.');
    const mapAt = segments.findIndex((segment) => segment.startsWith('<'));
    const fixed = mapAt < 0 ? segments : segments.slice(0, mapAt);
    const value = fixed.reduce<unknown>(
      (node, segment) => (isPlainObject(node) ? node[segment] : undefined),
      root,
    );
    if (mapAt < 0) {
      lines.push(`${spec.key}=${formatValue(value)}`);
    } else if (isPlainObject(value)) {
      const entries = Object.entries(value).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
      for (const [entry, entryValue] of entries)
        lines.push(`${fixed.join('.')}.${entry}=${formatValue(entryValue)}`);
    }
  }
  return lines;
}

/** The spec a key path names, if any (exported for the CLI's help text). */
export function describeSetting(key: string): SettingSpec | undefined {
  return resolveKey(key)?.spec ?? findSettingSpec(key.split('.'));
}
