import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';

import type {
  AssociationDefinition,
  FieldDefinition,
  JsonValueKind,
  ResourceDefinition,
} from '../../src/emulator/resource-definition.js';
import { apiResourceTable, resourceDefinitions } from '../../src/emulator/resources/index.js';
import {
  fixtureIndex,
  fixturesDir,
  listFixtures,
  projectRecordingsDir,
  readFixture,
} from '../support/fixtures.js';

/** Ids of the records the recorded store held in its request context (its defaults are all 1). */
const CONTEXT_RECORD_ID = 1;

/** A parsed XML element: name, attributes in document order, children, text (CDATA included). */
interface XmlNode {
  readonly name: string;
  readonly attributes: ReadonlyArray<readonly [string, string]>;
  readonly children: XmlNode[];
  text: string;
}

function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser();
  const root: XmlNode = { name: '#document', attributes: [], children: [], text: '' };
  const stack: XmlNode[] = [root];
  const top = (): XmlNode => stack[stack.length - 1] ?? root;
  parser.on('opentag', (tag) => {
    const node: XmlNode = {
      name: tag.name,
      attributes: Object.entries(tag.attributes).map(([key, value]) => [key, String(value)] as const),
      children: [],
      text: '',
    };
    top().children.push(node);
    stack.push(node);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (text) => (top().text += text));
  parser.on('cdata', (text) => (top().text += text));
  parser.write(xml).close();
  return root;
}

function child(node: XmlNode, name: string): XmlNode {
  const found = node.children.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`<${node.name}> has no <${name}>`);
  return found;
}

function attribute(node: XmlNode, name: string): string | undefined {
  return node.attributes.find(([key]) => key === name)?.[1];
}

/** The body of a recorded single-resource document: `<prestashop><{singular}>…`. */
function recordedEntity(file: string, singular: string, dir: string): XmlNode {
  return child(child(parseXml(readFixture(file, dir)), 'prestashop'), singular);
}

/** The base every `xlink:href` of a recordings folder starts with (the recorded store's address). */
function apiBase(dir: string): string {
  return `${new URL(fixtureIndex(dir)[0]?.url ?? 'http://127.0.0.1:8080/').origin}/api/`;
}

/** Attributes a synopsis shows on a top-level field, in the order an 8.1.2 store writes them. */
function expectedSynopsisAttributes(field: FieldDefinition): Array<[string, string]> {
  const attributes: Array<[string, string]> = [];
  if (field.notFilterable) attributes.push(['notFilterable', 'true']);
  if (field.readOnlyAttribute) attributes.push(['read_only', 'true']);
  if (field.required) attributes.push(['required', 'true']);
  if (field.maxSize !== undefined) attributes.push(['maxSize', String(field.maxSize)]);
  if (field.format !== undefined) attributes.push(['format', field.format]);
  if (field.readOnly) attributes.push(['readOnly', 'true']);
  return attributes;
}

/** Attributes a synopsis shows on an association sub-field. */
function expectedSubFieldAttributes(field: FieldDefinition, base: string): Array<[string, string]> {
  const attributes: Array<[string, string]> = [];
  if (field.xlink !== undefined) attributes.push(['xlink:href', `${base}${field.xlink}/`]);
  if (field.required) attributes.push(['required', 'true']);
  if (field.readOnlyAttribute) attributes.push(['read_only', 'true']);
  if (field.readOnly) attributes.push(['readOnly', 'true']);
  return attributes;
}

function expectedAssociationAttributes(association: AssociationDefinition): Array<[string, string]> {
  const attributes: Array<[string, string]> = [['nodeType', association.nodeType]];
  if (association.api !== undefined) attributes.push(['api', association.api]);
  if (association.virtualEntity) attributes.push(['virtualEntity', 'true']);
  return attributes;
}

const visibleFields = (definition: ResourceDefinition): FieldDefinition[] =>
  definition.fields.filter((field) => !field.hidden);

function definitionOf(name: string): ResourceDefinition {
  const definition = resourceDefinitions.get(name);
  if (!definition) throw new Error(`no definition for recorded resource ${name}`);
  return definition;
}

/**
 * Checks every definition with a recorded synopsis in `dir` against that folder's recordings: the
 * shared recordings and the project's own (test/fixtures/realstore), which cover the other resources.
 */
function describeRecordedResources(title: string, dir: string, atLeast: number): void {
  const recordedResources = listFixtures('', dir)
    .filter((file) => file.endsWith('.schema-synopsis.xml'))
    .map((file) => file.replace('.schema-synopsis.xml', ''));
  const BASE = apiBase(dir);
  const fixture = (file: string): string => readFixture(file, dir);
  const files = (): string[] => listFixtures('', dir);

  describe(title, () => {
    it('every resource with a recorded synopsis has a definition', () => {
      expect(recordedResources.length).toBeGreaterThanOrEqual(atLeast);
      for (const name of recordedResources) expect(resourceDefinitions.has(name), name).toBe(true);
    });

    describe.each(recordedResources)('%s', (name) => {
      const definition = definitionOf(name);
      // An empty store answers a list with `[]`: its JSON shows no record to check kinds on.
      const holdsRecords = fixture(`${name}.full.json`).trim() !== '[]';

      it('matches schema=synopsis: field names, order, attributes and language nodes', () => {
        const entity = recordedEntity(`${name}.schema-synopsis.xml`, definition.singular, dir);
        const recordedFields = entity.children.filter((node) => node.name !== 'associations');
        const [id, ...fields] = visibleFields(definition);
        expect(id?.name).toBe('id');
        expect(recordedFields.map((node) => node.name)).toEqual(fields.map((field) => field.name));
        for (const [index, field] of fields.entries()) {
          const node = recordedFields[index];
          if (!node) throw new Error(`missing ${field.name}`);
          expect(node.attributes, `${name}.${field.name}`).toEqual(expectedSynopsisAttributes(field));
          const languages = node.children.filter((languageNode) => languageNode.name === 'language');
          expect(languages.length > 0, `${name}.${field.name} multilingual`).toBe(
            field.multilingual === true,
          );
        }
      });

      it('matches schema=synopsis: associations, their attributes and sub-fields', () => {
        const entity = recordedEntity(`${name}.schema-synopsis.xml`, definition.singular, dir);
        const wrapper = entity.children.find((node) => node.name === 'associations');
        const recorded = wrapper?.children ?? [];
        expect(recorded.map((node) => node.name)).toEqual(definition.associations.map((a) => a.name));
        for (const [index, association] of definition.associations.entries()) {
          const node = recorded[index];
          if (!node) throw new Error(`missing association ${association.name}`);
          expect(node.attributes, association.name).toEqual(expectedAssociationAttributes(association));
          const entry = child(node, association.nodeType);
          expect(entry.children.map((sub) => sub.name)).toEqual(association.fields.map((f) => f.name));
          for (const [subIndex, field] of association.fields.entries()) {
            expect(entry.children[subIndex]?.attributes, `${association.name}.${field.name}`).toEqual(
              expectedSubFieldAttributes(field, BASE),
            );
          }
        }
      });

      it('matches schema=blank: id and every field not declared read_only', () => {
        const entity = recordedEntity(`${name}.schema-blank.xml`, definition.singular, dir);
        const names = entity.children.filter((node) => node.name !== 'associations').map((node) => node.name);
        expect(names).toEqual(
          visibleFields(definition)
            .filter((field) => !field.readOnlyAttribute)
            .map((field) => field.name),
        );
      });

      it.skipIf(!holdsRecords)(
        'writes each field as the JSON kind the definition names (full list and single records)',
        () => {
          const matching = files().filter(
            (file) =>
              file === `${name}.full.json` || (file.startsWith(`${name}.one-`) && file.endsWith('.json')),
          );
          expect(matching.length).toBeGreaterThan(0);
          let checked = 0;
          for (const file of matching) {
            const body = JSON.parse(fixture(file)) as Record<string, unknown>;
            const payload = body[definition.name] ?? body[definition.singular];
            const records = (Array.isArray(payload) ? payload : [payload]) as Array<Record<string, unknown>>;
            for (const record of records) {
              const inContext = definition.contextRecord !== undefined && record.id === CONTEXT_RECORD_ID;
              for (const [key, value] of Object.entries(record)) {
                if (key === 'associations') continue;
                const field = definition.fields.find((candidate) => candidate.name === key);
                expect(field, `${file}: unexpected field ${key}`).toBeDefined();
                if (!field) continue;
                const where = `${file} #${String(record.id)} ${key}`;
                if (value === null) {
                  expect(field.default, where).toBeNull();
                } else if (value === '' && key.startsWith('id_') && field.default === null) {
                  // PrestaShop writes an `id_*` field holding SQL NULL as "" (WebserviceOutputBuilder).
                  expect(field.json, where).toBe('number');
                } else if (Array.isArray(value)) {
                  expect(field.multilingual, where).toBe(true);
                } else {
                  const expected: JsonValueKind = (inContext ? field.contextJson : undefined) ?? field.json;
                  expect(typeof value, where).toBe(expected);
                  checked += 1;
                }
              }
              const associations = (record.associations ?? {}) as Record<
                string,
                Array<Record<string, unknown>>
              >;
              for (const [assocName, entries] of Object.entries(associations)) {
                const association = definition.associations.find((candidate) => candidate.name === assocName);
                expect(association, `${file}: unexpected association ${assocName}`).toBeDefined();
                for (const entry of entries) {
                  for (const [key, value] of Object.entries(entry)) {
                    const field = association?.fields.find((candidate) => candidate.name === key);
                    expect(typeof value, `${file} ${assocName}.${key}`).toBe(field?.json);
                  }
                }
              }
            }
          }
          expect(checked).toBeGreaterThan(0);
        },
      );

      it.skipIf(!holdsRecords)('lists JSON fields of the full list in definition order', () => {
        const body = JSON.parse(fixture(`${name}.full.json`)) as Record<string, unknown>;
        const records = body[definition.name] as Array<Record<string, unknown>>;
        const expected = visibleFields(definition).map((field) => field.name);
        for (const record of records) {
          expect(Object.keys(record).filter((key) => key !== 'associations')).toEqual(expected);
        }
      });

      it('builds the xlink:href and notFilterable attributes the store wrote in the full XML', () => {
        const matching = files().filter(
          (file) => file === `${name}.full.xml` || (file.startsWith(`${name}.one-`) && file.endsWith('.xml')),
        );
        for (const file of matching) {
          const document = child(parseXml(fixture(file)), 'prestashop');
          const records =
            document.children[0]?.name === definition.name
              ? child(document, definition.name).children
              : [child(document, definition.singular)];
          for (const record of records) {
            const values = new Map(record.children.map((node) => [node.name, node.text]));
            for (const node of record.children) {
              if (node.name === 'associations') continue;
              const field = definition.fields.find((candidate) => candidate.name === node.name);
              if (!field) throw new Error(`${file}: unexpected ${node.name}`);
              const expected: Array<[string, string]> = [];
              if (field.xlink !== undefined && node.text !== '' && node.text !== '0') {
                const parent = field.xlinkParent === undefined ? '' : `${values.get(field.xlinkParent)}/`;
                expected.push(['xlink:href', `${BASE}${field.xlink}/${parent}${node.text}`]);
              }
              if (field.notFilterable) expected.push(['notFilterable', 'true']);
              expect(node.attributes, `${file} ${node.name}`).toEqual(expected);
            }
            const wrapper = record.children.find((node) => node.name === 'associations');
            for (const assocNode of wrapper?.children ?? []) {
              const association = definition.associations.find((a) => a.name === assocNode.name);
              if (!association) throw new Error(`${file}: unexpected association ${assocNode.name}`);
              for (const entry of assocNode.children) {
                const id = association.virtualEntity ? '' : child(entry, 'id').text;
                const prefix = association.entryXlink ?? association.api;
                const parent =
                  association.entryXlinkParent === undefined
                    ? ''
                    : `${values.get(association.entryXlinkParent)}/`;
                expect(attribute(entry, 'xlink:href'), `${file} ${assocNode.name}`).toBe(
                  association.virtualEntity ? undefined : `${BASE}${prefix}/${parent}${id}`,
                );
                for (const sub of entry.children) {
                  const field = association.fields.find((candidate) => candidate.name === sub.name);
                  expect(attribute(sub, 'xlink:href'), `${file} ${assocNode.name}.${sub.name}`).toBe(
                    field?.xlink === undefined ? undefined : `${BASE}${field.xlink}/${sub.text}`,
                  );
                }
              }
            }
          }
        }
      });
    });
  });
}

describeRecordedResources('recorded resources', fixturesDir, 18);
describeRecordedResources("resources of the project's own recordings", projectRecordingsDir, 20);

describe('carts (the shared recordings hold one JSON record of them)', () => {
  it('keeps the recorded field order and JSON kinds, cart_rows included', () => {
    const definition = definitionOf('carts');
    const body = JSON.parse(readFixture('q.cart-1.json')) as {
      cart: Record<string, unknown> & { associations: { cart_rows: Array<Record<string, unknown>> } };
    };
    const { associations, ...fields } = body.cart;
    const order = definition.fields.map((field) => field.name);
    const keys = Object.keys(fields);
    // A single JSON record drops zero and empty fields, so the recorded keys are an ordered subset.
    expect(keys.map((key) => order.indexOf(key))).toEqual(
      keys.map((key) => order.indexOf(key)).sort((a, b) => a - b),
    );
    for (const [key, value] of Object.entries(fields)) {
      expect(typeof value, key).toBe(definition.fields.find((field) => field.name === key)?.json);
    }
    const rows = definition.associations.find((association) => association.name === 'cart_rows');
    for (const row of associations.cart_rows) {
      expect(Object.keys(row)).toEqual(rows?.fields.map((field) => field.name));
      for (const [key, value] of Object.entries(row)) {
        expect(typeof value, key).toBe(rows?.fields.find((field) => field.name === key)?.json);
      }
    }
  });
});

describe('the /api/ resource table', () => {
  const listing = (file: string): Array<{ name: string; description: string; schemaLinks: boolean }> =>
    child(child(parseXml(readFixture(file)), 'prestashop'), 'api').children.map((node) => ({
      name: node.name,
      description: child(node, 'description').text.trim(),
      schemaLinks: node.children.some((sub) => sub.name === 'schema'),
    }));

  it('holds every resource the full-access key sees, in order, with descriptions and schema links', () => {
    expect(
      apiResourceTable.map(({ name, description, schemaLinks }) => ({ name, description, schemaLinks })),
    ).toEqual(listing('q.root.xml'));
  });

  it('is the superset the read-only key sees a part of', () => {
    for (const entry of listing('auth.ro-key.root.xml')) {
      expect(apiResourceTable.find((candidate) => candidate.name === entry.name)).toMatchObject(entry);
    }
  });

  it('refuses POST and DELETE on stock_availables, as the store does', () => {
    const stock = apiResourceTable.find((entry) => entry.name === 'stock_availables');
    expect(stock?.verbs).toEqual(['GET', 'PUT', 'HEAD']);
    expect(fixtureIndex().some((row) => row.url.includes('/api/stock_availables'))).toBe(true);
  });
});

/**
 * Links PrestaShop 8.1.2's classes write to resources no store serves: `SpecificPrice` declares
 * `id_product_attribute` with `xlink_resource => 'product_attributes'` (the resource is
 * `combinations`), `Address` declares `id_warehouse` with `'warehouse'` (the resource is `warehouses`).
 */
const UNSERVED_XLINK_TARGETS = new Set(['specific_prices → product_attributes', 'addresses → warehouse']);

describe('every definition', () => {
  const known = new Set(apiResourceTable.map((entry) => entry.name));
  const definitions = [...resourceDefinitions.values()];

  it.each(definitions.map((definition) => [definition.name, definition] as const))(
    '%s is consistent',
    (name, definition) => {
      expect(definition.fields[0]).toMatchObject({ name: 'id', json: 'number' });
      const names = definition.fields.map((field) => field.name);
      expect(new Set(names).size, 'unique field names').toBe(names.length);
      const tableEntry = apiResourceTable.find((entry) => entry.name === name);
      expect(tableEntry, 'listed at /api/').toBeDefined();
      expect(definition.description).toBe(tableEntry?.description);
      expect(definition.schemaLinks).toBe(tableEntry?.schemaLinks);
      expect(definition.verbs).toEqual(tableEntry?.verbs);
      const assocNames = definition.associations.map((association) => association.name);
      expect(new Set(assocNames).size, 'unique association names').toBe(assocNames.length);
      const targets = [
        ...definition.fields.map((field) => field.xlink),
        ...definition.associations.flatMap((association) => [
          association.api,
          association.entryXlink,
          ...association.fields.map((field) => field.xlink),
        ]),
      ].filter((target): target is string => target !== undefined);
      for (const target of targets) {
        const listed =
          known.has(target.split('/')[0] ?? '') || UNSERVED_XLINK_TARGETS.has(`${name} → ${target}`);
        expect(listed, `${name} → ${target}`).toBe(true);
      }
      for (const field of definition.fields) {
        if (field.readOnlyAttribute) expect(field.readOnly, `${name}.${field.name}`).toBe(true);
        if (field.xlinkParent !== undefined) expect(names).toContain(field.xlinkParent);
      }
      for (const association of definition.associations) {
        if (!association.virtualEntity) {
          expect(association.fields[0]?.name, `${name}.${association.name}`).toBe('id');
        }
        if (association.entryXlinkParent !== undefined) expect(names).toContain(association.entryXlinkParent);
        if (!association.virtualEntity) expect(association.api, `${name}.${association.name}`).toBeDefined();
      }
    },
  );
});
