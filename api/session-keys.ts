// The key the console's session stamps are sealed with: the audit seal's HMAC key, read where keys are kept.
export { sealKeys } from '../db/audit-seal';
