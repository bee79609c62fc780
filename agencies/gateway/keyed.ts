/** Every write carries an idempotency key derived from the business key (case number + step), never a run id. */
export type Keyed<T> = T & { idempotencyKey: string };

/** Splits the key (sent as a header) from the payload (sent as the body). */
export function splitKey<T>({ idempotencyKey, ...payload }: Keyed<T>): [string, Omit<Keyed<T>, 'idempotencyKey'>] {
  return [idempotencyKey, payload];
}
