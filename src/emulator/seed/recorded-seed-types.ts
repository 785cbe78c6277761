/** The shape of `recorded-store-data.ts`. */
export type RecordedValue = string | null | false | Readonly<Record<string, string>>;

export interface RecordedRecord {
  readonly values: Readonly<Record<string, RecordedValue>>;
  readonly associations: Readonly<Record<string, ReadonlyArray<Readonly<Record<string, string | null>>>>>;
}

export interface RecordedResource {
  /** Every id the store's list showed, ascending. */
  readonly ids: readonly number[];
  /** Full values of the records a recording holds, by id. */
  readonly records: Readonly<Record<string, RecordedRecord>>;
}
