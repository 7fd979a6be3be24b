// Request codes from the domain's own encoder, with nonces from the seeded random source.
import { encodeRequestCode, newRequestNonce } from '../../../../shared/codes/request-code.ts';
import { expresswayUdi, ucmUdi } from '../../../support/codes.ts';
import { SeededRandom } from '../../../support/ports.ts';

export function seededCodes(): { ucmCodes: string[]; expresswayCodes: string[] } {
  const random = new SeededRandom(7);
  const code = (udi: typeof ucmUdi) => encodeRequestCode(udi, newRequestNonce(random));
  return {
    ucmCodes: [code(ucmUdi), code({ ...ucmUdi, sn: 'edb17' })],
    expresswayCodes: [code(expresswayUdi)],
  };
}
