import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { RoleId } from '../db/schema';
import type { AuthUser } from './context';

export interface TokenSettings {
  secret?: string;
  jwksUrl?: string;
  issuer: string;
  audience: string;
}

interface UserClaims extends JWTPayload {
  name: string;
  dept: string;
  roles: RoleId[];
}

/** Built once: a JWKS verifier caches the keys; HS256 is for development and tests. */
export function createTokenVerifier(settings: TokenSettings): (token: string) => Promise<AuthUser> {
  const jwks = settings.jwksUrl ? createRemoteJWKSet(new URL(settings.jwksUrl)) : undefined;
  const secret = settings.secret ? new TextEncoder().encode(settings.secret) : undefined;
  if (!jwks && !secret) throw new Error('no JWT verification key configured');
  return async (token) => {
    const options = { issuer: settings.issuer, audience: settings.audience };
    const { payload } = jwks
      ? await jwtVerify<UserClaims>(token, jwks, options)
      : await jwtVerify<UserClaims>(token, secret!, { ...options, algorithms: ['HS256'] });
    if (!payload.sub || typeof payload.dept !== 'string' || !Array.isArray(payload.roles))
      throw new Error('token lacks user claims');
    return {
      id: payload.sub,
      name: String(payload.name ?? payload.sub),
      departmentId: payload.dept,
      roles: payload.roles,
    };
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
