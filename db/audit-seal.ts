// 等保 2.0 / 密评: the audit chain is keyed by a secret held outside the database (HMAC-SM3 under AUDIT_HMAC_KEY),
// and its head is signed at intervals with SM2 (AUDIT_SM2_PRIVATE_KEY), so an insider who rewrites audit_log can
// neither recompute the chain nor hide a rewrite from the exported checkpoints.
import { createHash, createHmac } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import { canonicalJson } from '../domain/canonical-json';

export type HashAlg = 'sha256' | 'hmac-sm3';

/** Development defaults, in the source and so refused in production (config/env.ts). */
export const DEV_AUDIT_HMAC_KEY = 'anjian-flow-development-audit-key-do-not-use-in-production';
export const DEV_AUDIT_SM2_PRIVATE_KEY = '4bd42fb3b86d077a6a3853f0b24eeab0c209a4c8d7d5710bbd9438a1af81e8e9';

interface SealKeys {
  hmacKey: string;
  sm2PrivateKey: string;
  sm2PublicKey: string;
}

let keys: SealKeys | undefined;

/** The keys from the environment (or set at start-up); the development keys when unset outside production. */
export function sealKeys(): SealKeys {
  if (!keys) configureSealKeys(process.env.AUDIT_HMAC_KEY, process.env.AUDIT_SM2_PRIVATE_KEY);
  return keys!;
}

export function configureSealKeys(hmacKey?: string, sm2PrivateKey?: string): void {
  const privateKey = (sm2PrivateKey || DEV_AUDIT_SM2_PRIVATE_KEY).toLowerCase();
  keys = {
    hmacKey: hmacKey || DEV_AUDIT_HMAC_KEY,
    sm2PrivateKey: privateKey,
    sm2PublicKey: sm2.getPublicKeyFromPrivateKey(privateKey),
  };
}

/**
 * The hash of a record's canonical JSON: SHA-256 for the rows written before migration 0011 (their fields only,
 * as then), HMAC-SM3 under the audit key from then on (the algorithm itself is covered, so no row can be downgraded).
 */
export function sealRecord(fields: Record<string, unknown>, alg: HashAlg): string {
  if (alg === 'sha256') return createHash('sha256').update(canonicalJson(fields)).digest('hex');
  return createHmac('sm3', sealKeys().hmacKey)
    .update(canonicalJson({ ...fields, hashAlg: alg }))
    .digest('hex');
}

export interface CheckpointBody {
  headSeq: number;
  headHash: string;
  records: number;
  at: string;
}

// `at` as an ISO instant: PostgreSQL hands timestamps back in its own text form.
const checkpointMessage = (c: CheckpointBody) =>
  canonicalJson({
    headSeq: Number(c.headSeq),
    headHash: c.headHash,
    records: Number(c.records),
    at: new Date(c.at).toISOString(),
  });

/** SM2 signature (with SM3 and the default user id, GB/T 32918) over the checkpoint's canonical JSON. */
export function signCheckpoint(c: CheckpointBody): { signature: string; publicKey: string } {
  const { sm2PrivateKey, sm2PublicKey } = sealKeys();
  return {
    signature: sm2.doSignature(checkpointMessage(c), sm2PrivateKey, { hash: true, publicKey: sm2PublicKey }),
    publicKey: sm2PublicKey,
  };
}

export function verifyCheckpointSignature(c: CheckpointBody, signature: string, publicKey: string): boolean {
  try {
    return sm2.doVerifySignature(checkpointMessage(c), signature, publicKey, { hash: true });
  } catch {
    return false;
  }
}
