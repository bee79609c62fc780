// How a workflow refuses an Update: a code, a category and (where it applies) the field. The API alone turns
// the category into an HTTP status, so no workflow knows about HTTP.
import { ApplicationFailure } from '@temporalio/workflow';

/** Not the caller's to do / not possible in the case's present state / the input breaks a rule. */
export type RefusalCategory = 'forbidden' | 'conflict' | 'invalid';

/** A rule a field broke, as the API reports it beside the field. */
export interface FieldRule {
  field: string;
  rule: string;
  message: string;
}

/** What travels in the failure's details, read back by the API's desk. */
export interface RefusalDetail {
  category: RefusalCategory;
  field?: string;
  errors?: FieldRule[];
}

/** A table of the codes a kind of case refuses with and their categories. */
export type RefusalTable<C extends string> = Readonly<Record<C, RefusalCategory>>;

/** Refuses the Update: thrown from a validator, so nothing changes and nothing enters the history. */
export function refuse(
  category: RefusalCategory,
  code: string,
  message: string,
  where: { field?: string; errors?: FieldRule[] } = {},
): never {
  const detail: RefusalDetail = { category, ...where };
  throw ApplicationFailure.create({ type: code, message, nonRetryable: true, details: [detail] });
}

/** Refuses with a code from a kind's table (an unknown code reads as invalid input). */
export function refuseBy<C extends string>(
  table: RefusalTable<C>,
  code: C,
  message: string,
  where: { field?: string; errors?: FieldRule[] } = {},
): never {
  return refuse(table[code] ?? 'invalid', code, message, where);
}
