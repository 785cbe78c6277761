/**
 * An example of an event's data, built from the JSON schema the server publishes for it: every
 * field present, each with a plausible value of its type. It shows the shape a receiver gets; the
 * values are made up (docs/automation.md has real ones).
 */
import type { JsonSchema } from '../api/get-event-types';

const MAX_DEPTH = 6;

function exampleOf(
  schema: JsonSchema,
  name: string,
  schemas: Readonly<Record<string, JsonSchema>>,
  depth: number,
): unknown {
  if (depth > MAX_DEPTH) return null;
  if (schema.$ref) {
    const target = schemas[schema.$ref.replace(/^#\/components\/schemas\//, '').replace(/#$/, '')];
    return target ? exampleOf(target, name, schemas, depth + 1) : null;
  }
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  if (schema.anyOf) {
    const first = schema.anyOf.find((option) => option.type !== 'null') ?? schema.anyOf[0];
    return first ? exampleOf(first, name, schemas, depth + 1) : null;
  }
  const types = typeof schema.type === 'string' ? [schema.type] : (schema.type ?? []);
  const type = types.find((candidate) => candidate !== 'null') ?? types[0];
  switch (type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(schema.properties ?? {}))
        result[key] = exampleOf(property, key, schemas, depth + 1);
      return result;
    }
    case 'array':
      return schema.items ? [exampleOf(schema.items, name, schemas, depth + 1)] : [];
    case 'integer':
      return Math.max(schema.minimum ?? 1, 1);
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'string':
      if (schema.format === 'date-time') return '2026-12-03T10:15:00.000Z';
      if (schema.pattern?.includes('\\d')) return '12.50';
      if (/currency/i.test(name)) return 'EUR';
      if (/email/i.test(name)) return 'customer@example.com';
      return name;
    case 'null':
    case undefined:
      return null;
    default:
      return null;
  }
}

/**
 * @example
 * eventExample({ type: 'object', properties: { orderId: { type: 'integer', minimum: 1 } } }, {});
 * // { orderId: 1 }
 */
export function eventExample(schema: JsonSchema, schemas: Readonly<Record<string, JsonSchema>>): unknown {
  return exampleOf(schema, 'value', schemas, 0);
}
