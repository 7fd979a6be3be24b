// Workload 5: this machine's own limit — raw node:crypto ECDSA P-256/SHA-256 sign and verify on
// one thread, keys parsed once into KeyObjects, messages the size of what the authority signs.

import { generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { type Measurement, now } from './measure.ts';

/** About as long as the canonical bytes of a 3-license SLR grant (slrSignedBytes). */
const MESSAGE_BYTES = 560;
const ROUNDS = 3;

export function cryptoBaseline(count: number, label: string): Measurement[] {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const messages = Array.from({ length: count }, () => randomBytes(MESSAGE_BYTES));
  let signMs = Infinity;
  let verifyMs = Infinity;
  // Best of a few rounds: the limit is what the machine can do, not what a hiccup allowed.
  for (let round = 0; round < ROUNDS; round++) {
    const signatures: Buffer[] = new Array(count);
    let start = now();
    for (let i = 0; i < count; i++) {
      signatures[i] = sign('sha256', messages[i]!, { key: privateKey, dsaEncoding: 'der' });
    }
    signMs = Math.min(signMs, now() - start);
    start = now();
    let valid = 0;
    for (let i = 0; i < count; i++) {
      if (verify('sha256', messages[i]!, { key: publicKey, dsaEncoding: 'der' }, signatures[i]!))
        valid++;
    }
    verifyMs = Math.min(verifyMs, now() - start);
    if (valid !== count) throw new Error('baseline: a signature did not verify');
  }
  return [
    {
      id: `baseline.sign.${label}`,
      workload: 5,
      label: `raw ECDSA P-256 sign (${label})`,
      items: count,
      unit: 'sig',
      ms: signMs,
    },
    {
      id: `baseline.verify.${label}`,
      workload: 5,
      label: `raw ECDSA P-256 verify (${label})`,
      items: count,
      unit: 'sig',
      ms: verifyMs,
    },
  ];
}
