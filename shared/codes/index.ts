// The codes that cross the gap: what other layers import.

export * from './authorization.ts';
export * from './confirmation-code.ts';
export * from './dates.ts';
export * from './entitlement.ts';
export * from './inspect.ts';
export * from './request-code.ts';
export * from './return-code.ts';
export * from './udi.ts';
export { formatGroups } from './grouped-code.ts';
export { digestHex } from './digest.ts';
export type { PlrAuthorization } from './plr-authorization.ts';
export type { SlrAuthorization } from './slr-authorization.ts';
