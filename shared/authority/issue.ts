// Turning a decided reservation into a signed authorization code and the record the ledger keeps.

import { type IssuedAuthorization, issueAuthorization } from '../codes/authorization.ts';
import type { Entitlement } from '../codes/entitlement.ts';
import type { Udi } from '../codes/udi.ts';
import { type LedgerContext, requireSigner } from './context.ts';
import { own } from './pool.ts';
import type { AuthorizationRecord, PoolEntry, Reservation } from './state.ts';

export interface Grant {
  udi: Udi;
  piid: string;
  requestNonce: string;
  sequence: number;
  reservation: Reservation;
  licenses: Record<string, number>;
  pool: Record<string, PoolEntry>;
}

export interface Issued {
  issued: IssuedAuthorization;
  record: AuthorizationRecord;
}

/** The entitlement lines of an SLR code, from the pool's description of each license. */
export function entitlementsOf(
  licenses: Record<string, number>,
  pool: Record<string, PoolEntry>,
): Entitlement[] {
  return Object.keys(licenses)
    .sort()
    .map((tag) => {
      const entry = own(pool, tag);
      if (!entry) throw new Error(`pool entry ${tag} missing`);
      const line: Entitlement = {
        tag,
        count: licenses[tag]!,
        displayName: entry.displayName,
        description: entry.description,
        licenseType: entry.type,
      };
      if (entry.startDate) line.startDate = entry.startDate;
      if (entry.endDate) line.endDate = entry.endDate;
      if (entry.exportControlled) line.exportControlled = true;
      return line;
    });
}

/** Signs; throws AUTHORITY_KEY_LOCKED without a key. Changes nothing. */
export function issue(ctx: LedgerContext, grant: Grant): Issued {
  const signer = requireSigner(ctx);
  const timestamp = ctx.clock.now();
  const issued =
    grant.reservation.type === 'PLR'
      ? issueAuthorization(
          {
            type: 'PLR',
            udi: grant.udi,
            requestNonce: grant.requestNonce,
            sequence: grant.sequence,
            timestamp,
            exportControl: grant.reservation.exportControl,
          },
          signer,
          ctx.hasher,
        )
      : issueAuthorization(
          {
            type: 'SLR',
            udi: grant.udi,
            piid: grant.piid,
            timestamp,
            requestNonce: grant.requestNonce,
            sequence: grant.sequence,
            entitlements: entitlementsOf(grant.licenses, grant.pool),
          },
          signer,
          ctx.hasher,
        );
  return {
    issued,
    record: {
      digest: issued.digest,
      sequence: grant.sequence,
      issuedAt: timestamp,
      code: issued.text,
    },
  };
}
