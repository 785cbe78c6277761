import type { ApiEventType } from '../../../api/back-office-types';
import type { JsonSchema } from '../api/get-event-types';
import { eventExample } from './event-example';

/** Every event type: what it means, and the body a receiver gets for it (its data built from the schema). */
export function EventCatalogue({
  eventTypes,
  schemas,
}: {
  readonly eventTypes: readonly ApiEventType[];
  readonly schemas: Readonly<Record<string, JsonSchema>> | undefined;
}) {
  return (
    <dl className="event-catalogue">
      {eventTypes.map((type) => {
        const schema = schemas?.[type.schema.replace('#/components/schemas/', '')];
        const body = schema && {
          id: 'evt_42',
          type: type.type,
          timestamp: '2026-12-03T10:15:00.000Z',
          storeId: 1,
          subject: 'order:12',
          data: eventExample(schema, schemas),
        };
        return (
          <div key={type.type}>
            <dt>
              <code>{type.type}</code>
            </dt>
            <dd>
              <p>{type.description}</p>
              {body && (
                <details>
                  <summary>Example of {type.type}</summary>
                  <pre>{JSON.stringify(body, null, 2)}</pre>
                </details>
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
