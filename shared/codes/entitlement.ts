// One license line inside an authorization code.

export type LicenseType = 'PERPETUAL' | 'TERM' | 'SUBSCRIPTION';

export interface Entitlement {
  tag: string;
  count: number;
  displayName: string;
  description: string;
  /** PERPETUAL | TERM | SUBSCRIPTION in ours; Cisco's codes may say other things (e.g. PLR). */
  licenseType: string;
  /** ISO days, YYYY-MM-DD. */
  startDate?: string;
  endDate?: string;
  subscriptionId?: string;
  exportControlled?: boolean;
}
