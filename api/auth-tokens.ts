import { createRemoteJWKSet, jwtVerify, SignJWT } from 'jose';
import type { AuthUser } from './context';
import type { UserRegister } from './user-register';

/** A token that is forged, expired, lacks `exp` or `sub`, or names an unknown or disabled user: answered 401. */
export class InvalidToken extends Error {
  override name = 'InvalidToken';
}

export interface TokenSettings {
  secret?: string;
  jwksUrl?: string;
  issuer: string;
  audience: string;
}

/**
 * Built once: a JWKS verifier caches the keys; HS256 is for development and tests. A token only names a user (`sub`)
 * and must carry an expiry (`exp`); who the user is — roles, department, whether still active — is read from the
 * user register, so an unknown or disabled user is refused like a bad token.
 */
export function createTokenVerifier(
  settings: TokenSettings,
  register: Pick<UserRegister, 'find'>,
): (token: string) => Promise<AuthUser> {
  const jwks = settings.jwksUrl ? createRemoteJWKSet(new URL(settings.jwksUrl)) : undefined;
  const secret = settings.secret ? new TextEncoder().encode(settings.secret) : undefined;
  if (!jwks && !secret) throw new Error('no JWT verification key configured');
  return async (token) => {
    const options = { issuer: settings.issuer, audience: settings.audience, requiredClaims: ['exp', 'sub'] };
    const { payload } = await (
      jwks ? jwtVerify(token, jwks, options) : jwtVerify(token, secret!, { ...options, algorithms: ['HS256'] })
    ).catch((err: unknown) => {
      throw new InvalidToken(err instanceof Error ? err.message : 'invalid token');
    });
    // A database outage while reading the register is an outage (503), not a bad token: it is not caught here.
    const user = payload.sub ? await register.find(payload.sub) : null;
    if (!user) throw new InvalidToken('token names no active user');
    return user;
  };
}

export async function issueDevToken(
  user: AuthUser,
  settings: TokenSettings & { secret: string },
  ttl = '8h',
): Promise<string> {
  return new SignJWT({ name: user.name, dept: user.departmentId, roles: user.roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user.id)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(new TextEncoder().encode(settings.secret));
}
