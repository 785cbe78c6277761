import type { z } from 'zod';

import { SettingsValidationError } from '../hub-errors.js';
import { suggestSettingKey } from './setting-suggestion.js';
import { findSettingSpec } from './settings-reference.js';
import { type StoreSettings, storeSettingsSchema } from './store-settings.js';

/** One wrong setting: its key path (`import.frequencyMinutes`) and what is wrong, in words. */
export interface SettingProblem {
  readonly key: string;
  readonly message: string;
}

export type SettingsValidation =
  | { readonly ok: true; readonly settings: StoreSettings }
  | {
      readonly ok: false;
      readonly problems: readonly string[];
      /** The same problems, each with the setting it is about (forms show them beside the field). */
      readonly fields: readonly SettingProblem[];
    };

/**
 * Validates settings (any subset; missing ones take their defaults) and explains each problem in
 * words a user understands.
 *
 * @example
 * validateSettings({ import: { frequencyMinutes: 'abc' } });
 * // { ok: false, problems: ["import.frequencyMinutes must be a whole number of minutes between 1 and 10080, got 'abc'"] }
 */
export function validateSettings(input: unknown): SettingsValidation {
  const result = storeSettingsSchema.safeParse(input ?? {}, { reportInput: true });
  if (result.success) return { ok: true, settings: result.data };
  const fields = result.error.issues.flatMap((issue) => describeIssue(issue));
  return { ok: false, problems: fields.map((field) => field.message), fields };
}

/** {@link validateSettings}, throwing {@link SettingsValidationError} with every problem. */
export function parseSettings(input: unknown): StoreSettings {
  const result = validateSettings(input);
  if (!result.ok) throw new SettingsValidationError(result.fields);
  return result.settings;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return `'${value}'`;
  return JSON.stringify(value);
}

function describeIssue(issue: z.core.$ZodIssue): SettingProblem[] {
  const path = issue.path.map(String);
  const keyPath = path.join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const unknown = [...path, key].join('.');
      const hint = suggestSettingKey(unknown);
      return {
        key: unknown,
        message: `unknown setting '${unknown}'${hint ? ` (did you mean '${hint}'?)` : ''}`,
      };
    });
  }
  if (issue.code === 'invalid_key') {
    const spec = findSettingSpec(path);
    return [
      {
        key: keyPath,
        message: `${keyPath}: the key must be ${spec?.keyMustBe ?? 'valid'}, got ${show(path.at(-1))}`,
      },
    ];
  }
  // A list element (autoApproveStates.1) is explained by the list's own wording.
  const listPath = typeof issue.path.at(-1) === 'number' ? issue.path.slice(0, -1) : issue.path;
  const spec = findSettingSpec(listPath.map(String)) ?? findSettingSpec(path);
  const input = (issue as { input?: unknown }).input;
  const listKey = listPath.map(String).join('.');
  if (spec) return [{ key: listKey, message: `${listKey} must be ${spec.mustBe}, got ${show(input)}` }];
  return [{ key: keyPath, message: `${keyPath || 'settings'}: ${issue.message}` }];
}
