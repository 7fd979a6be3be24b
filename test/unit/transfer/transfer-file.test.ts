import { describe, expect, it } from 'vitest';
import { issueAuthorization } from '../../../shared/codes/authorization.ts';
import { encodeRequestCode } from '../../../shared/codes/request-code.ts';
import {
  type TransferFile,
  readTransferFile,
  suggestTransferFileName,
  writeTransferFile,
} from '../../../shared/transfer/transfer-file.ts';
import { attempt, entitlement, expresswayUdi, ucmUdi } from '../../support/codes.ts';
import { authorityKeys, hasher } from '../../support/ports.ts';

const authorization = issueAuthorization(
  {
    type: 'SLR',
    udi: ucmUdi,
    piid: 'p-1',
    timestamp: 1,
    requestNonce: 'ABCDEFGHJK',
    sequence: 1,
    entitlements: [entitlement({ displayName: '日本語 ライセンス' })],
  },
  authorityKeys.signer,
  hasher,
).text;
const request = encodeRequestCode(expresswayUdi, 'ZXCVBNM123');

const file: TransferFile = {
  createdAt: '2026-11-23T19:00:00.000Z',
  from: { workspace: 'Lab desk', side: 'authority' },
  entries: [
    {
      kind: 'authorization',
      code: authorization,
      udi: 'P:UCM,S:edb16',
      subject: 'p-1',
      label: 'cucm-pub-1',
    },
    { kind: 'request', code: request },
  ],
};

describe('transfer file', () => {
  const text = writeTransferFile(file, hasher);

  it('is readable text with a version, a count and a checksum', () => {
    expect(text.split('\n').slice(0, 6)).toEqual([
      'AIRLOCK TRANSFER FILE 1',
      '# Carry this file to the other side and import it in Airlock. A checksum protects it.',
      'Created: 2026-11-23T19:00:00.000Z',
      'From: Lab desk (authority)',
      'Codes: 2',
      expect.stringMatching(/^Checksum: sha256:[0-9a-f]{64}$/),
    ]);
  });

  it('round-trips every entry, Unicode included', () => {
    expect(readTransferFile(text, hasher)).toEqual({ format: 'airlock', file });
  });

  it('survives Windows line endings, a BOM and a final newline an editor added', () => {
    const windows = '\uFEFF' + text.replace(/\n/g, '\r\n') + '\r\n\r\n';
    expect(readTransferFile(windows, hasher).file).toEqual(file);
  });

  it('refuses a file whose codes were changed, naming the checksum', () => {
    const damaged = text.replace('ZXCVBNM123', 'ZXCVBNM124');
    expect(attempt(() => readTransferFile(damaged, hasher))).toEqual({
      ok: false,
      code: 'TRANSFER_FILE_CHECKSUM_MISMATCH',
    });
  });

  it('refuses a truncated file and an unknown version', () => {
    expect(attempt(() => readTransferFile(text.slice(0, 200), hasher)).ok).toBe(false);
    for (const version of ['FILE 9', 'FILE 1.0', 'FILE 0x1'])
      expect(attempt(() => readTransferFile(text.replace('FILE 1', version), hasher))).toEqual({
        ok: false,
        code: 'TRANSFER_FILE_VERSION_UNSUPPORTED',
      });
    // The count as written, in plain digits (the checksum covers the codes, not the header).
    expect(attempt(() => readTransferFile(text.replace('Codes: 2', 'Codes: 0x2'), hasher))).toEqual(
      { ok: false, code: 'TRANSFER_FILE_MALFORMED' },
    );
  });

  it('accepts a plain .txt holding one code, as CSSM downloads it', () => {
    const plain = readTransferFile(
      `${authorization.slice(0, 500)}\r\n${authorization.slice(500)}\r\n`,
      hasher,
    );
    expect(plain).toEqual({
      format: 'plain',
      file: expect.objectContaining({ entries: [{ kind: 'authorization', code: authorization }] }),
    });
    expect(readTransferFile(`"${request}"\n`, hasher).file.entries).toEqual([
      { kind: 'request', code: request },
    ]);
  });

  it('refuses an empty or unrecognisable plain file', () => {
    expect(attempt(() => readTransferFile('  \n', hasher))).toEqual({
      ok: false,
      code: 'TRANSFER_FILE_EMPTY',
    });
    expect(attempt(() => readTransferFile('shopping list', hasher))).toEqual({
      ok: false,
      code: 'CODE_UNRECOGNISED',
    });
  });

  it('refuses a plain file far larger than any code as such, without reading it as one', () => {
    const junk = 'x'.repeat(300 * 1024);
    try {
      readTransferFile(junk, hasher);
      expect.unreachable('a 300 KiB file is no code');
    } catch (error) {
      expect(error).toMatchObject({
        code: 'CODE_UNRECOGNISED',
        facts: { reason: 'too-long', length: junk.length },
      });
    }
    // Blank lines around a real code are not counted against it.
    expect(
      readTransferFile(`${'\n'.repeat(300 * 1024)}${request}\n`, hasher).file.entries,
    ).toHaveLength(1);
  });

  it('suggests a safe, self-describing file name', () => {
    expect(suggestTransferFileName(file)).toBe('airlock-codes-20261123-1900-2.airlock');
    expect(suggestTransferFileName({ ...file, entries: [file.entries[1]!] })).toBe(
      'airlock-request-20261123-1900-1.airlock',
    );
  });
});
