/**
 * A request the client refuses to build because the store could not take it as asked (a `|`
 * inside a filter list, an unknown field in a write, a malformed URL). Nothing was sent.
 *
 * @example
 * ```ts
 * await client.create('products', { no_such_field: 'x' }); // throws InvalidRequestError
 * ```
 */
export class InvalidRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidRequestError';
  }
}
