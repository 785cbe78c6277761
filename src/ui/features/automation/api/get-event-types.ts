import { queryOptions, useQuery } from '@tanstack/react-query';

import type { ApiEventType } from '../../../api/back-office-types';
import { api } from '../../../lib/api-client';
import { automationKeys } from './automation-keys';

/** `GET /event-types`: every event type, what it means, the component describing its data. */
export const getEventTypes = (): Promise<{ eventTypes?: readonly ApiEventType[] }> => api.get('/event-types');

export const useEventTypes = () =>
  useQuery(
    queryOptions({ queryKey: automationKeys.eventTypes, queryFn: getEventTypes, staleTime: Infinity }),
  );

/** A JSON schema, as far as the example builder reads it. */
export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly enum?: readonly unknown[];
  readonly anyOf?: readonly JsonSchema[];
  readonly format?: string;
  readonly pattern?: string;
  readonly description?: string;
  readonly minimum?: number;
  readonly $ref?: string;
}

/** `GET /openapi.json`'s components: where each event's data schema is published. */
export const getEventSchemas = async (): Promise<Readonly<Record<string, JsonSchema>>> => {
  const document = await api.get<{ components?: { schemas?: Record<string, JsonSchema> } }>('/openapi.json');
  return document.components?.schemas ?? {};
};

export const useEventSchemas = () =>
  useQuery(
    queryOptions({ queryKey: automationKeys.eventSchemas, queryFn: getEventSchemas, staleTime: Infinity }),
  );
