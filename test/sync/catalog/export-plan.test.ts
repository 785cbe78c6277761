import { describe, expect, it } from 'vitest';

import {
  type ConflictPreference,
  countPlan,
  decideExportAction,
  describePlanCounts,
  describePlanEntry,
  type ExportAction,
  type ExportItemState,
  type ExportMode,
} from '../../../src/sync/catalog/export/export-plan.js';

const SYNCED_AT = '2026-02-01T10:00:00.000Z';
const LATER = '2026-02-03T08:30:00.000Z';

type HubSide = 'none' | 'creatable' | 'not-creatable';
type BindingSide = 'none' | 'in-sync' | 'hub-changed' | 'never-synced' | 'deleted';
type StoreSide = 'none' | 'same' | 'changed' | 'same-differs' | 'no-date';

function state(hub: HubSide, binding: BindingSide, store: StoreSide, queued = false): ExportItemState {
  return {
    hub:
      hub === 'none'
        ? null
        : {
            productId: 7,
            contentHash: 'hash-now',
            notCreatable: hub === 'creatable' ? null : 'no reference',
          },
    binding:
      binding === 'none'
        ? null
        : {
            contentHash:
              binding === 'hub-changed' ? 'hash-before' : binding === 'never-synced' ? null : 'hash-now',
            externalUpdatedAt: binding === 'never-synced' ? null : SYNCED_AT,
            deleted: binding === 'deleted',
          },
    store:
      store === 'none'
        ? null
        : {
            externalId: 70,
            updatedAt: store === 'changed' ? LATER : store === 'no-date' ? null : SYNCED_AT,
            differs: store === 'same-differs',
          },
    queued,
  };
}

describe('export plan: one decision per product', () => {
  // Every row a user can meet, with the action expected in each mode.
  const table: [HubSide, BindingSide, StoreSide, hubMode: ExportAction, bothMode: ExportAction][] = [
    ['creatable', 'none', 'none', 'add-to-store', 'add-to-store'],
    ['not-creatable', 'none', 'none', 'skip', 'skip'],
    ['creatable', 'none', 'same', 'update-store', 'conflict'],
    ['creatable', 'in-sync', 'same', 'unchanged', 'unchanged'],
    ['creatable', 'in-sync', 'same-differs', 'update-store', 'unchanged'],
    ['creatable', 'in-sync', 'changed', 'unchanged', 'update-hub'],
    ['creatable', 'hub-changed', 'same', 'update-store', 'update-store'],
    ['creatable', 'hub-changed', 'changed', 'update-store', 'conflict'],
    ['creatable', 'never-synced', 'same', 'update-store', 'conflict'],
    ['creatable', 'in-sync', 'no-date', 'unchanged', 'update-hub'],
    ['creatable', 'in-sync', 'none', 'skip', 'skip'],
    ['creatable', 'deleted', 'same', 'skip', 'skip'],
    ['not-creatable', 'hub-changed', 'same', 'update-store', 'update-store'],
    ['none', 'none', 'same', 'unchanged', 'add-to-hub'],
    ['none', 'in-sync', 'same', 'skip', 'skip'],
    ['none', 'none', 'none', 'skip', 'skip'],
  ];

  it.each(table)(
    'hub %s, binding %s, store %s → hub mode %s, both mode %s',
    (hub, binding, store, inHub, inBoth) => {
      expect(decideExportAction(state(hub, binding, store), 'hub').action).toBe(inHub);
      expect(decideExportAction(state(hub, binding, store), 'both').action).toBe(inBoth);
    },
  );

  it('reports a conflict — changed on both sides since the last sync — and says why', () => {
    expect(decideExportAction(state('creatable', 'hub-changed', 'changed'), 'both')).toEqual({
      action: 'conflict',
      reason: 'changed in the hub and in the store since the last sync',
    });
  });

  it('lets the side the user names win a conflict, and only a conflict', () => {
    const conflicted = state('creatable', 'hub-changed', 'changed');
    expect(decideExportAction(conflicted, 'both', 'hub')).toMatchObject({
      action: 'update-store',
      reason: expect.stringContaining('the hub wins') as unknown,
    });
    expect(decideExportAction(conflicted, 'both', 'store').action).toBe('update-hub');
    expect(decideExportAction(state('creatable', 'in-sync', 'changed'), 'both', 'hub').action).toBe(
      'update-hub',
    );
  });

  it('never queues a product twice: a change waiting in the outbox skips it', () => {
    expect(decideExportAction(state('creatable', 'none', 'none', true), 'hub')).toEqual({
      action: 'skip',
      reason: 'a change of this product already waits in the outbox',
    });
  });

  it('reads instants as moments, not as text', () => {
    const sameMoment: ExportItemState = {
      ...state('creatable', 'in-sync', 'same'),
      store: { externalId: 70, updatedAt: '2026-02-01T11:00:00+01:00', differs: false },
    };
    expect(decideExportAction(sameMoment, 'both').action).toBe('unchanged');
  });

  describe('over every combination of both sides', () => {
    const hubs: HubSide[] = ['none', 'creatable', 'not-creatable'];
    const bindings: BindingSide[] = ['none', 'in-sync', 'hub-changed', 'never-synced', 'deleted'];
    const stores: StoreSide[] = ['none', 'same', 'changed', 'same-differs', 'no-date'];
    const modes: ExportMode[] = ['hub', 'both'];
    const preferences: (ConflictPreference | undefined)[] = [undefined, 'hub', 'store'];
    const all = hubs.flatMap((hub) =>
      bindings.flatMap((binding) =>
        stores.flatMap((store) =>
          modes.flatMap((mode) =>
            preferences.flatMap((prefer) =>
              [false, true].map((queued) => ({ hub, binding, store, mode, prefer, queued })),
            ),
          ),
        ),
      ),
    );

    it(`holds its rules in all ${all.length} cases`, () => {
      for (const { hub, binding, store, mode, prefer, queued } of all) {
        const { action, reason } = decideExportAction(state(hub, binding, store, queued), mode, prefer);
        const where = `${hub}/${binding}/${store}/${mode}/${prefer}/${queued}`;
        expect(reason, where).not.toBe('');
        if (queued) expect(action, where).toBe('skip');
        // The hub as master never writes to the hub, and never stops on a conflict.
        if (mode === 'hub') expect(['add-to-hub', 'update-hub', 'conflict'], where).not.toContain(action);
        // A side named by the user settles every conflict.
        if (prefer !== undefined) expect(action, where).not.toBe('conflict');
        // Nothing is created in the store that cannot be found again, or that the store deleted.
        if (action === 'add-to-store')
          expect([hub, binding, store], where).toEqual(['creatable', 'none', 'none']);
        if (action === 'add-to-hub') expect([hub, binding, mode], where).toEqual(['none', 'none', 'both']);
        if (action === 'update-store' || action === 'update-hub') expect(store, where).not.toBe('none');
        if (binding === 'deleted' && hub !== 'none') expect(action, where).toBe('skip');
      }
    });
  });
});

describe('export plan: lines and totals for people', () => {
  const entries = [
    {
      action: 'add-to-store',
      reason: 'not in the store yet',
      productId: 12,
      externalId: null,
      label: '"Mug" (MUG-1)',
    },
    {
      action: 'conflict',
      reason: 'changed on both sides',
      productId: 3,
      externalId: 30,
      label: '"Tee" (TEE)',
    },
    {
      action: 'add-to-store',
      reason: 'not in the store yet',
      productId: 13,
      externalId: null,
      label: '"Cup"',
    },
    { action: 'unchanged', reason: 'in sync', productId: 4, externalId: 40, label: '"Cap"' },
  ] as const;

  it('describes one line with both sides', () => {
    expect(describePlanEntry(entries[0])).toBe(
      'add to store: hub product 12 "Mug" (MUG-1) — not in the store yet',
    );
    expect(describePlanEntry(entries[1])).toBe(
      'CONFLICT: hub product 3 / store product 30 "Tee" (TEE) — changed on both sides',
    );
  });

  it('counts the plan by action', () => {
    const counts = countPlan(entries);
    expect(counts).toMatchObject({ 'add-to-store': 2, conflict: 1, unchanged: 1, 'update-hub': 0 });
    expect(describePlanCounts(counts)).toBe('2 add to store, 1 CONFLICT, 1 unchanged');
    expect(describePlanCounts(countPlan([]))).toBe('nothing to do');
  });
});
