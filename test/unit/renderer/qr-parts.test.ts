// Long codes become numbered QR parts that join back to the exact code.
import { describe, expect, it } from 'vitest';
import { QR_PART_BYTES, splitForQr } from '../../../renderer/lib/qr-parts.ts';
import { qrSymbol } from '../../../renderer/lib/qr-matrix.ts';

const bytes = (s: string) => new TextEncoder().encode(s).length;

function slrCode(entitlements: number): string {
  const one = (i: number) =>
    `<entitlement><tag>regid.2016-07.com.cisco.UCM_Enhanced,12.0_66d0d1cf-4863-4761-91d0-d01d3eb1949a</tag><count>${i}</count><startDate>2021-Aug-13 UTC</startDate><endDate>2022-Aug-08 UTC</endDate><licenseType>TERM</licenseType><displayName>UCM Enhanced License (12.x)</displayName><tagDescription>UC Manager Enhanced License</tagDescription><subscriptionID></subscriptionID></entitlement>`;
  return `<specificPLR><authorizationCode><flag>A</flag><version>C</version><piid>6191f5e5</piid><timestamp>1628840000000</timestamp><entitlements>${Array.from({ length: entitlements }, (_, i) => one(i)).join('')}</entitlements></authorizationCode><signature>MEQCIB…</signature><udi>P:UCM,S:edb16</udi></specificPLR>`;
}

describe('splitForQr', () => {
  it('keeps a short code in one part', () => {
    const parts = splitForQr('CB-PUCM,Sedb16,U2e1b-ABCDEFGHJK-MNPQRS');
    expect(parts).toEqual([{ index: 1, total: 1, text: 'CB-PUCM,Sedb16,U2e1b-ABCDEFGHJK-MNPQRS' }]);
  });

  it('splits a long authorization into numbered parts that join back exactly', () => {
    const code = slrCode(12);
    const parts = splitForQr(code);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map((p) => p.text).join('')).toBe(code);
    parts.forEach((p, i) => {
      expect(p.index).toBe(i + 1);
      expect(p.total).toBe(parts.length);
      expect(bytes(p.text)).toBeLessThanOrEqual(QR_PART_BYTES);
    });
  });

  it('prefers to cut after a tag end', () => {
    const parts = splitForQr(slrCode(12));
    expect(parts.slice(0, -1).every((p) => p.text.endsWith('>'))).toBe(true);
  });

  it('never cuts a multi-byte character in half', () => {
    const text = '許可'.repeat(700);
    const parts = splitForQr(text, 100);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(parts.every((p) => bytes(p.text) <= 100)).toBe(true);
  });

  it('draws every part as a QR symbol', () => {
    for (const part of splitForQr(slrCode(12))) {
      const symbol = qrSymbol(part.text);
      expect(symbol.size).toBeGreaterThan(20);
      expect(symbol.path).toMatch(/^M\d+ \d+h1v1h-1z/);
    }
  });
});
