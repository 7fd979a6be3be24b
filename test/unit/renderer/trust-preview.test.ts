// A trust file's name and fingerprint, shown for the operator to compare before it is trusted.
import { describe, expect, it } from 'vitest';
import { TRUST_FILE_ACCEPT, trustPreview } from '../../../renderer/lib/trust-preview.ts';

const FINGERPRINT = Array.from({ length: 16 }, (_, i) => `A${i.toString(16).toUpperCase()}00`).join(
  ' ',
);
const file = JSON.stringify({
  format: 'airlock-trust',
  version: 1,
  authorityName: 'Licensing desk',
  algorithm: 'ECDSA-P256-SHA256',
  publicKey: '-----BEGIN PUBLIC KEY-----…',
  fingerprint: FINGERPRINT,
  createdAt: '2026-03-31T10:00:00Z',
});

describe('trustPreview', () => {
  it('reads the authority and the fingerprint the file names', () => {
    expect(trustPreview(`\uFEFF${file}\n`)).toEqual({
      authorityName: 'Licensing desk',
      fingerprint: FINGERPRINT,
    });
  });

  it('reads nothing from text that is not a trust file', () => {
    expect(trustPreview('')).toBeNull();
    expect(trustPreview('{"format":"other"}')).toBeNull();
    expect(trustPreview('CB-PUCM,S1')).toBeNull();
  });

  it('lets the picker offer the file the desk writes', () => {
    expect(TRUST_FILE_ACCEPT.split(',')).toContain('.json');
  });
});
