// Who a token's subject is, read from the users table: roles and department come from the register, never from the
// token, so revoking a role or disabling a user takes effect at once. Rows are cached briefly (TTL) and dropped when
// PostgreSQL notifies a change (trigger users_changed, migration 0011) or this process changes a user.
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { users } from '../db/schema';
import type { AuthUser } from './context';

export const USERS_CHANGED_CHANNEL = 'users_changed';

export class UserRegister {
  private readonly cache = new Map<string, { user: AuthUser | null; until: number }>();
  private listening?: Promise<unknown>;

  constructor(
    private readonly database: Pick<Database, 'db'> & Partial<Pick<Database, 'listen'>>,
    private readonly ttlMs = 30_000,
  ) {}

  /** The active user with this id, or null for an unknown or disabled one. */
  async find(id: string): Promise<AuthUser | null> {
    this.listen();
    const hit = this.cache.get(id);
    if (hit && hit.until > Date.now()) return hit.user;
    const [row] = await this.database.db.select().from(users).where(eq(users.id, id)).limit(1);
    const user =
      row && row.active ? { id: row.id, name: row.name, departmentId: row.departmentId, roles: row.roles } : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(id, { user, until: Date.now() + this.ttlMs });
    return user;
  }

  /** Drops one user (or all) from the cache: call after changing the users table. */
  invalidate(id?: string): void {
    if (id === undefined) this.cache.clear();
    else this.cache.delete(id);
  }

  private listen(): void {
    if (this.listening || !this.database.listen) return;
    // Best effort: without notifications the TTL still bounds how long a revoked role is honoured.
    this.listening = this.database
      .listen(USERS_CHANGED_CHANNEL, (payload) => this.invalidate(payload || undefined))
      .catch(() => undefined);
  }
}
