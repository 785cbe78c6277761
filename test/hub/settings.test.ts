import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import {
  applySettingsPatch,
  defaultStoreSettings,
  describeSetting,
  parseSettingAssignments,
  serializeSettings,
  SETTING_SPECS,
  validateSettings,
} from '../../src/hub/index.js';

describe('store settings', () => {
  it('fills every setting with its default', () => {
    const settings = defaultStoreSettings();
    expect(settings.import).toEqual({ enabled: false, frequencyMinutes: 15 });
    expect(settings.productMaster).toBe('store');
    expect(settings.genders).toEqual({ '1': 'male', '2': 'female' });
    expect(settings.shipmentStates).toEqual({ full: null, partial: null });
  });

  it('documents every setting, and only settings that exist', () => {
    const lineKeys = serializeSettings(defaultStoreSettings()).map((line) =>
      line.slice(0, line.indexOf('=')),
    );
    for (const key of lineKeys) expect(describeSetting(key), key).toBeDefined();
    for (const spec of SETTING_SPECS.filter((candidate) => !candidate.key.includes('<'))) {
      expect(lineKeys, spec.key).toContain(spec.key);
    }
  });

  it('explains invalid values in words, naming the setting and what was given', () => {
    const result = validateSettings({
      import: { frequencyMinutes: 'abc' },
      export: { frequencyMinutes: 0 },
      productMaster: 'shop',
      autoApproveStates: [2, 'x'],
      orderStates: { '3': 'keep', abc: 'import' },
    });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems).toEqual(
      expect.arrayContaining([
        "import.frequencyMinutes must be a whole number of minutes between 1 and 10080, got 'abc'",
        'export.frequencyMinutes must be a whole number of minutes between 1 and 10080, got 0',
        "productMaster must be one of store, hub, both, got 'shop'",
        "autoApproveStates must be a comma-separated list of order state ids (whole numbers from 1), got 'x'",
        "orderStates.3 must be one of import, skip, retry (empty removes the rule), got 'keep'",
        "orderStates.abc: the key must be an order state id (a whole number from 1), got 'abc'",
      ]),
    );
  });

  it('names unknown settings and suggests the nearest one', () => {
    const result = validateSettings({ import: { frequncyMinutes: 5 }, colour: 'blue' });
    expect(result.ok ? [] : result.problems).toEqual([
      "unknown setting 'import.frequncyMinutes' (did you mean 'import.frequencyMinutes'?)",
      "unknown setting 'colour'",
    ]);
  });

  it('reads key=value assignments, converting each to its type and accepting snake_case keys', () => {
    const { patch, problems } = parseSettingAssignments([
      'import.enabled=true',
      'import.frequency_minutes=30',
      'order_states.3=retry',
      'orderStates.5=skip',
      'payments.ps_wirepayment=BANK',
      'autoApproveStates=2, 3',
      'stockExportLocations=MAIN,SHOP',
      'defaults.tax=',
      'genders.2=',
    ]);
    expect(problems).toEqual([]);
    const applied = validateSettings(applySettingsPatch(defaultStoreSettings(), patch));
    expect(applied.ok).toBe(true);
    if (!applied.ok) return;
    expect(applied.settings.import).toEqual({ enabled: true, frequencyMinutes: 30 });
    expect(applied.settings.orderStates).toEqual({ '3': 'retry', '5': 'skip' });
    expect(applied.settings.payments).toEqual({ ps_wirepayment: 'BANK' });
    expect(applied.settings.autoApproveStates).toEqual([2, 3]);
    expect(applied.settings.stockExportLocations).toEqual(['MAIN', 'SHOP']);
    expect(applied.settings.defaults.tax).toBeNull();
    expect(applied.settings.genders).toEqual({ '1': 'male' });
  });

  it('sets and removes entries of the journal account maps (nested maps)', () => {
    const set = parseSettingAssignments([
      'journal.paymentAccounts.CARD=512100',
      'journal.paymentAccounts.CHECK=511200',
      'journal.taxAccounts.5,5=445715',
      'journal.familyAccounts.BOOKS=707100',
      'invoices.paidStates=2,3',
    ]);
    expect(set.problems).toEqual([]);
    const first = validateSettings(applySettingsPatch(defaultStoreSettings(), set.patch));
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.settings.journal.paymentAccounts).toEqual({ CARD: '512100', CHECK: '511200' });
    expect(first.settings.journal.taxAccounts).toEqual({ '5,5': '445715' });
    expect(first.settings.invoices.paidStates).toEqual([2, 3]);
    const removed = validateSettings(
      applySettingsPatch(first.settings, parseSettingAssignments(['journal.paymentAccounts.CARD=']).patch),
    );
    expect(removed.ok && removed.settings.journal.paymentAccounts).toEqual({ CHECK: '511200' });
  });

  it('keeps text that does not convert, so that validation can name it', () => {
    const { patch } = parseSettingAssignments(['import.enabled=maybe', 'export.frequencyMinutes=often']);
    const result = validateSettings(applySettingsPatch(defaultStoreSettings(), patch));
    expect(result.ok ? [] : result.problems).toEqual([
      "import.enabled must be true or false, got 'maybe'",
      "export.frequencyMinutes must be a whole number of minutes between 1 and 10080, got 'often'",
    ]);
  });

  it('reports assignments it cannot read', () => {
    expect(parseSettingAssignments(['import.enabled', 'colour=blue']).problems).toEqual([
      "'import.enabled' is not a setting assignment: write key=value (for example import.enabled=true)",
      "unknown setting 'colour' (docs/hub.md lists every setting)",
    ]);
  });

  it('serializes settings to lines that read back to the same settings', () => {
    const { patch } = parseSettingAssignments([
      'enabled=false',
      'export.enabled=true',
      'orderStates.3=retry',
      'carriers.12=POSTNL',
      'categoryFamilies.4=SHIRTS',
      'shipmentStates.full=4',
      'invoices.numberPrefix=F-',
      'stockExportLocations=MAIN',
    ]);
    const original = validateSettings(applySettingsPatch(defaultStoreSettings(), patch));
    if (!original.ok) throw new Error(original.problems.join('; '));
    const lines = serializeSettings(original.settings);
    expect(lines).toContain('carriers.12=POSTNL');
    expect(lines).toContain('defaults.tax=');
    const again = validateSettings(
      applySettingsPatch(defaultStoreSettings(), parseSettingAssignments(lines).patch),
    );
    expect(again).toEqual(original);
  });

  it('lists every setting in docs/hub.md', () => {
    const docs = readFileSync(new URL('../../docs/hub.md', import.meta.url), 'utf8');
    for (const spec of SETTING_SPECS) expect(docs, spec.key).toContain(`| \`${spec.key}\` |`);
  });
});
