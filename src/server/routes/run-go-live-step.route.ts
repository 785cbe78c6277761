import { goLiveStatus, runGoLive } from '../../jobs/index.js';
import { type RouteRegistration, storeNamed } from '../api-context.js';
import { ApiError } from '../api-errors.js';
import { toApiRun } from '../api-wire.js';
import { errorRef } from '../api-wire-schemas.js';
import { goLiveKey, STOCK_EXPORT_STEP, stockExportWarning, stockNeverExported } from '../go-live-wire.js';
import { storeParams } from '../route-schemas.js';

const body = {
  type: 'object',
  additionalProperties: false,
  properties: {
    confirmStockExport: {
      type: 'boolean',
      default: false,
      description: 'Needed when the next step is the first stock export (GET …/golive gives its warning).',
    },
  },
} as const;

const schema = {
  summary: 'Run the next step of the go-live sequence, in the background',
  description:
    'Steps already done or not applicable are passed; the next feed starts and the answer is its run (202). ' +
    '422 when a step is blocked (the message says what to do) or the first stock export is not confirmed; ' +
    '409 when the store is live already or a step runs.',
  tags: ['feeds'],
  params: storeParams,
  body,
  response: {
    200: {
      type: 'object',
      description:
        'No feed was left to run: the remaining steps were done or not applicable, and the store is live.',
      required: ['run', 'feed', 'live'],
      additionalProperties: false,
      properties: { run: { type: 'null' }, feed: { type: 'null' }, live: { type: 'boolean', enum: [true] } },
    },
    202: {
      type: 'object',
      required: ['run', 'feed', 'live'],
      additionalProperties: false,
      properties: { run: { $ref: 'ApiRun#' }, feed: { type: 'string' }, live: { type: 'boolean' } },
    },
    404: errorRef,
    409: errorRef,
    422: errorRef,
    503: errorRef,
  },
} as const;

/** `POST /stores/:store/golive/next`. */
export const registerRunGoLiveStep: RouteRegistration = (app, ctx) => {
  app.post<{ Params: { store: string }; Body: { confirmStockExport: boolean } }>(
    '/stores/:store/golive/next',
    {
      schema,
      config: { access: 'operator' },
      preValidation: (request, _reply, done) => {
        request.body ??= { confirmStockExport: false };
        done();
      },
    },
    async (request, reply) => {
      const store = await storeNamed(ctx.hub, request.params.store);
      const busy = (): ApiError | undefined => {
        const inFlight = ctx.launcher.inFlight(goLiveKey(store));
        return inFlight === undefined
          ? undefined
          : new ApiError(
              409,
              'feed-busy',
              `${inFlight?.feed ?? 'A go-live step'} is running for '${store.name}': wait for it to end.`,
            );
      };
      const running = busy();
      if (running) throw running;
      const status = await goLiveStatus(ctx.hub, ctx.feeds, store);
      if (status.live) throw new ApiError(409, 'already-live', `Store '${store.name}' is live already.`);
      const runningStep = status.steps.find((step) => step.state === 'running');
      if (runningStep)
        throw new ApiError(
          409,
          'feed-busy',
          `${runningStep.step.feed} is running for '${store.name}': wait for it to end.`,
        );
      const blocked = status.steps.find((step) => step.state === 'blocked');
      if (blocked)
        throw new ApiError(422, 'not-ready', `${blocked.step.feed} cannot run yet: ${blocked.reason ?? ''}`);
      if (
        status.next?.feed === STOCK_EXPORT_STEP &&
        !request.body.confirmStockExport &&
        (await stockNeverExported(ctx.hub, store))
      )
        throw new ApiError(
          422,
          'confirm-stock-export',
          `${stockExportWarning(store)} Send confirmStockExport: true to go on.`,
        );

      // Checked again with nothing awaited before the launch: two clicks start one step.
      const started = busy();
      if (started) throw started;
      const launched = await ctx.launcher.launchWith(
        (onRunStarted) =>
          runGoLive({ hub: ctx.hub, runner: ctx.runner, feeds: ctx.feeds, store, maxRuns: 1, onRunStarted }),
        {
          // The step counts as running until the sequence's progress is saved after its run; then the
          // console is told to read the store's go-live status again.
          key: goLiveKey(store),
          onSettled: () =>
            ctx.live.publish({
              type: 'store.changed',
              data: { storeId: store.id, store: store.name, change: 'updated' },
            }),
        },
      );
      if (launched.run === null) {
        const { result } = launched;
        if (result.stoppedAt)
          throw new ApiError(
            422,
            'not-ready',
            `${result.stoppedAt.feed} cannot run yet: ${result.stoppedAt.reason}`,
          );
        return reply.status(200).send({ run: null, feed: null, live: true });
      }
      return reply
        .status(202)
        .header('location', `/runs/${launched.run.id}`)
        .send({ run: toApiRun(launched.run), feed: launched.run.feed, live: false });
    },
  );
};
