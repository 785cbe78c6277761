import { describe, expect, test } from 'vitest';

import {
  diffSettings,
  draftFromStore,
  mapRow,
  patchFromDraft,
  settingErrors,
  settingFieldId,
} from '../../../src/ui/features/stores/components/settings-draft';
import { ApiRequestError } from '../../../src/ui/lib/api-client';
import { store } from '../support/fixtures';

describe('the PATCH body', () => {
  test('is empty when nothing changed', () => {
    const demo = store();
    expect(patchFromDraft(demo, draftFromStore(demo))).toEqual({});
  });

  test('holds numbers as numbers, empty as null, and what cannot be a number as typed', () => {
    const demo = store();
    const draft = {
      ...draftFromStore(demo),
      importFrequency: ' 45 ',
      importOrdersFromId: '1200',
      shipmentFull: '',
      exportFrequency: 'ten',
      tax: 'VAT20',
    };
    expect(patchFromDraft(demo, draft)).toEqual({
      settings: {
        import: { frequencyMinutes: 45 },
        export: { frequencyMinutes: 'ten' },
        defaults: { tax: 'VAT20' },
        importOrdersFromId: 1200,
        shipmentStates: { full: null },
      },
    });
  });

  test('sends map entries added, changed and removed; rows without a key or value are no entry', () => {
    const demo = store();
    const draft = draftFromStore(demo);
    const changed = {
      ...draft,
      maps: {
        ...draft.maps,
        genders: [mapRow('1', 'other'), mapRow('9', 'unknown'), mapRow('', 'male'), mapRow('4', '')],
      },
    };
    expect(patchFromDraft(demo, changed).settings).toEqual({
      genders: { '1': 'other', '2': null, '9': 'unknown' },
    });
  });

  test('lists are compared as sets, and the key and URL only go when given', () => {
    const demo = store();
    const draft = {
      ...draftFromStore(demo),
      stockExportLocations: ['SHOP', 'MAIN'],
      url: ' https://new.example.com ',
    };
    expect(patchFromDraft(demo, draft)).toEqual({ url: 'https://new.example.com' });
  });

  test('how the key is sent goes only when it changed', () => {
    const demo = store();
    expect(patchFromDraft(demo, { ...draftFromStore(demo), authMode: 'query' })).toEqual({ auth: 'query' });
  });

  test('settings the form does not show are left alone', () => {
    expect(diffSettings({ schedules: { 'stock-check': 'off' }, enabled: true }, { enabled: true })).toEqual(
      {},
    );
  });
});

describe('errors of a refused save', () => {
  test('come from `fields`, else `field`, else the problem lines, else the message', () => {
    const fields = new ApiRequestError({
      status: 422,
      code: 'invalid-settings',
      message: 'Invalid settings',
      fields: [{ key: 'defaults.tax', message: 'defaults.tax must be a tax-rate code' }],
    });
    expect(settingErrors(fields)).toEqual([
      { key: 'defaults.tax', message: 'defaults.tax must be a tax-rate code' },
    ]);

    const field = new ApiRequestError({
      status: 400,
      code: 'validation',
      message: 'body.url must NOT have fewer than 1 characters',
      field: 'body.url',
    });
    expect(settingErrors(field)).toEqual([
      { key: 'url', message: 'body.url must NOT have fewer than 1 characters' },
    ]);

    const problems = new ApiRequestError({
      status: 422,
      code: 'invalid-settings',
      message: 'Invalid settings',
      problems: [
        'orderStates.3 must be one of import, skip, retry, got "maybe"',
        'Something else went wrong',
      ],
    });
    expect(settingErrors(problems)).toEqual([
      { key: 'orderStates.3', message: 'orderStates.3 must be one of import, skip, retry, got "maybe"' },
      { key: '', message: 'Something else went wrong' },
    ]);

    expect(settingErrors(new Error('offline'))).toEqual([{ key: '', message: 'offline' }]);
  });

  test('name the input they belong to', () => {
    expect(settingFieldId('import.frequencyMinutes')).toBe('setting-import-frequencyMinutes');
    expect(settingFieldId('payments.ps_wirepayment')).toBe('setting-payments-ps_wirepayment');
    expect(settingFieldId('url')).toBe('store-url');
  });
});
