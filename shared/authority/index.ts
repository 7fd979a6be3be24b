// The license desk (CSSM's role): what other layers import.

export * from './alerts.ts';
export * from './batch.ts';
export * from './events.ts';
export * from './instances.ts';
export * from './invariant.ts';
export * from './ledger.ts';
export * from './license-rows.ts';
export type { LicensePurchase } from './pool.ts';
export type { RequestPreview, ReservationResult } from './reserve.ts';
export type { Selection } from './selection.ts';
export * from './state.ts';
export type { LedgerPorts } from './context.ts';
