import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Whether an Authorization header carries exactly this bearer token (compared in constant time). */
export function bearerMatches(header: string | undefined, expected: string): boolean {
  const sent = header?.match(/^Bearer\s+(.+)$/i)?.[1];
  return sent !== undefined && timingSafeEqual(digest(sent), digest(expected));
}
