// The licensing banner a product shows its administrator, in the product's own words.
//
// CUCM: the "Message on UI" column of seed 002's status table, word for word. The evaluation
// message's "89 days remaining" is the days left (the table: "Start with 90 and will decrement");
// the out-of-compliance message's "within 90 days" is the length of the overage period and stays
// as the seed prints it (the days left are shown beside it, not inside it). The table's
// "Authorization Expired" message speaks of a product that "has not connected … for 90 days": a
// reserved product never connects, and what expires under a reservation is a TERM license, which
// leaves the product short of licenses — so a reserved CUCM shows the out-of-compliance message.
//
// Expressway: seed 001 gives no banner text, only (in Japanese) what each license status means;
// the English sentences below are Airlock's renderings of those, and the Japanese interface shows
// the seed's own sentences (shared/i18n, namespace `banners`).

import { type AuthorizationStatus, type Product } from './device-state.ts';
import { OVERAGE_PERIOD_DAYS } from './enforcement.ts';
import { type Sourced, airlock, seed } from './sources.ts';

export type BannerCode =
  | 'UCM_EVALUATION'
  | 'UCM_EVALUATION_EXPIRED'
  | 'UCM_OUT_OF_COMPLIANCE'
  | 'EXPRESSWAY_EVALUATION'
  | 'EXPRESSWAY_EVALUATION_EXPIRED'
  | 'EXPRESSWAY_OUT_OF_COMPLIANCE';

export interface Banner extends Sourced {
  code: BannerCode;
  /** Facts for a translated rendering (the banners catalog's `{{days}}`). */
  facts: { days?: number };
}

const SEED_002 = seed('002', 'UCMでのスマートライセンスの状態, status table, Message on UI');
const SEED_001 = (what: string) =>
  airlock(
    `English rendering of seed 001 (スマートライセンシングの設定, ${what}); no English text given`,
  );

function ucmBanner(status: AuthorizationStatus, days: number): Banner | null {
  switch (status) {
    case 'Evaluation Mode':
      return {
        code: 'UCM_EVALUATION',
        facts: { days },
        source: SEED_002,
        text:
          `Smart Software Licensing: The system is currently unregistered and running in Evaluation mode with ${days} days remaining. ` +
          'Register with Smart Software Manager or Smart Software Manager satellite to avoid losing the ability to provision users and devices.',
      };
    case 'Evaluation Expired':
      return {
        code: 'UCM_EVALUATION_EXPIRED',
        facts: {},
        source: SEED_002,
        text:
          'Smart Software Licensing: The system is currently unregistered and the evaluation period has expired. ' +
          'Register with Smart Software Manager or Smart Software Manager satellite to avoid losing the ability to provision users and devices.',
      };
    case 'Out of Compliance':
    case 'Authorization Expired':
      return {
        code: 'UCM_OUT_OF_COMPLIANCE',
        facts: { days: OVERAGE_PERIOD_DAYS },
        source: SEED_002,
        text:
          'Smart Software Licensing: The system is operating with an insufficient number of licenses. ' +
          `Configure additional licenses in Smart Software Manager within ${OVERAGE_PERIOD_DAYS} days to avoid losing the ability to provision users and devices.`,
      };
    default:
      return null;
  }
}

function expresswayBanner(status: AuthorizationStatus): Banner | null {
  switch (status) {
    case 'Evaluation Mode':
      return {
        code: 'EXPRESSWAY_EVALUATION',
        facts: {},
        source: SEED_001('ライセンス認証ステータス: 評価モード'),
        text: 'Evaluation mode: the product is in evaluation mode and is not yet registered with Cisco.',
      };
    case 'Evaluation Expired':
      return {
        code: 'EXPRESSWAY_EVALUATION_EXPIRED',
        facts: {},
        source: SEED_001('製品インスタンスの評価モード'),
        text:
          'The evaluation period has expired and the product is not registered: it is unauthorized, ' +
          'and no new devices can register until the product is registered.',
      };
    case 'Out of Compliance':
    case 'Authorization Expired':
      return {
        code: 'EXPRESSWAY_OUT_OF_COMPLIANCE',
        facts: {},
        source: SEED_001('ライセンス認証ステータス: コンプライアンス違反'),
        text: 'Out of compliance: the product has insufficient licenses and is not in compliance.',
      };
    default:
      return null;
  }
}

/** The banner for an authorization status, or null when the product shows none. */
export function licensingBanner(
  product: Product,
  status: AuthorizationStatus,
  evaluationDaysLeft: number,
): Banner | null {
  return product === 'ucm' ? ucmBanner(status, evaluationDaysLeft) : expresswayBanner(status);
}
