import { SETTING_SPECS } from '../../hub/index.js';
import type { RouteRegistration } from '../api-context.js';

const schema = {
  summary: 'Every store setting: its key, kind, what a valid value is and what it means',
  description: 'The console shows `meaning` as each field’s help; docs/hub.md lists the same.',
  tags: ['stores'],
  response: {
    200: {
      type: 'object',
      required: ['items'],
      additionalProperties: false,
      properties: {
        items: {
          type: 'array',
          items: {
            type: 'object',
            required: ['key', 'kind', 'nullable', 'mustBe', 'meaning'],
            additionalProperties: false,
            properties: {
              key: {
                type: 'string',
                description: 'import.frequencyMinutes; <…> is a map key (orderStates.<state id>).',
              },
              kind: {
                type: 'string',
                enum: ['boolean', 'integer', 'text', 'choice', 'integer-list', 'text-list'],
              },
              nullable: { type: 'boolean' },
              mustBe: { type: 'string' },
              keyMustBe: { type: 'string' },
              meaning: { type: 'string' },
            },
          },
        },
      },
    },
  },
} as const;

/** `GET /settings/reference`. */
export const registerGetSettingsReference: RouteRegistration = (app) => {
  app.get('/settings/reference', { schema }, () => ({ items: SETTING_SPECS }));
};
