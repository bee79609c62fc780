import { createHash } from 'node:crypto';

/** URL-safe, stable task id from its composite key (workflow, step opening, slot). */
export function taskRowId(key: string): string {
  return `t_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
}
