import type { RouteRegistration } from '../api-context.js';
import {
  kindCodeParams,
  masterDataErrors,
  masterDataRecordRef,
  pathKind,
  toApiMasterDataRecord,
} from '../master-data-wire.js';

const body = {
  type: 'object',
  additionalProperties: false,
  properties: {
    restore: { type: 'boolean', default: false, description: 'Bring an archived record back instead.' },
  },
} as const;

const schema = {
  summary: 'Archive a master-data record (or restore it)',
  description:
    'Nothing is deleted: orders, products, stock and settings that use it keep it. Lists leave it out by default, and settings saved from now on may not name it (422 naming the restore call).',
  tags: ['master data'],
  params: kindCodeParams,
  body,
  response: { 200: masterDataRecordRef, ...masterDataErrors },
} as const;

/** `POST /master-data/:kind/:code/archive`. */
export const registerArchiveMasterData: RouteRegistration = (app, ctx) => {
  app.post<{ Params: { kind: string; code: string }; Body: { restore: boolean } }>(
    '/master-data/:kind/:code/archive',
    {
      schema,
      config: { access: 'admin' },
      // The body is optional: no body archives.
      preValidation: (request, _reply, done) => {
        request.body ??= { restore: false };
        done();
      },
    },
    async (request) => {
      const kind = pathKind(request.params.kind);
      const record = await ctx.hub.masterData.archive(kind, request.params.code, {
        restore: request.body.restore,
      });
      request.log.info({ kind, code: record.code, restore: request.body.restore }, 'master data archived');
      return toApiMasterDataRecord(kind, record);
    },
  );
};
