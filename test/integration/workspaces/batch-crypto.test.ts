// Batches sign and verify on worker threads. What the workers answer only ever saves work: a
// signature the trusted key does not verify over exactly the code's bytes is refused as before,
// inside a batch of good ones, and everything issued on workers verifies on the main thread.

import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes, verify } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTransferFile } from '../../../shared/transfer/transfer-file.ts';
import { CryptoPool } from '../../../electron/services/crypto-pool.ts';
import { nodeHasher } from '../../../electron/services/crypto-node.ts';
import { PASSPHRASE, TAGS, call, openDesk, openSite, servicesOn } from '../support/sides.ts';
import { removeTempDirs, tempDir } from '../support/temp-dirs.ts';

afterAll(removeTempDirs);

const POOL_MODULE = resolve(import.meta.dirname, '../../../electron/services/crypto-pool.ts');

describe('the crypto pool', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const messages = Array.from({ length: 300 }, (_, n) => new Uint8Array(randomBytes(40 + n)));

  it('signs on workers, in order, signatures the key verifies', async () => {
    const pool = new CryptoPool(2);
    try {
      const signatures = await pool.sign('k', privateKey, messages);
      expect(signatures).toHaveLength(messages.length);
      messages.forEach((message, n) =>
        expect(verify('sha256', message, publicKey, signatures[n]!)).toBe(true),
      );
      // The key stays with the workers: a second batch sends only the messages.
      const again = await pool.sign('k', privateKey, messages.slice(0, 100));
      expect(verify('sha256', messages[99]!, publicKey, again[99]!)).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('verifies on workers: a wrong message, a wrong key, or garbage is false', async () => {
    const pool = new CryptoPool(2);
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    try {
      const signatures = await pool.sign('k', privateKey, messages);
      const forged = await pool.sign('o', other.privateKey, messages.slice(0, 1));
      const pairs: Array<[Uint8Array, Uint8Array]> = messages.map((m, n) => [m, signatures[n]!]);
      pairs[5] = [messages[6]!, signatures[5]!];
      pairs[7] = [messages[7]!, forged[0]!];
      pairs[9] = [messages[9]!, new Uint8Array([1, 2, 3])];
      const verdicts = await pool.verify('k-public', publicKey, pairs);
      expect(verdicts.filter((v) => !v)).toHaveLength(3);
      expect([verdicts[5], verdicts[7], verdicts[9], verdicts[8]]).toEqual([
        false,
        false,
        false,
        true,
      ]);
    } finally {
      await pool.close();
    }
  });

  it('keeps a script alive while it works, and lets it end once idle', () => {
    // A script whose only pending work is the pool's: it must neither end before the answer
    // (a batch cut short) nor stay alive after it (a command that never returns).
    const dir = tempDir('crypto-pool-script');
    const script = join(dir, 'script.mts');
    writeFileSync(
      script,
      [
        `import { generateKeyPairSync } from 'node:crypto';`,
        `import { CryptoPool } from ${JSON.stringify(pathToFileURL(POOL_MODULE).href)};`,
        `const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });`,
        `const pool = new CryptoPool(2);`,
        `const messages = Array.from({ length: 400 }, (_, n) => new Uint8Array([n % 256, 1]));`,
        `const signatures = await pool.sign('k', privateKey, messages);`,
        `console.log('signed', signatures.length);`,
      ].join('\n'),
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.error).toBeUndefined(); // a timeout: the idle workers kept the script alive
    expect({ status: run.status, stdout: run.stdout.trim() }).toEqual({
      status: 0,
      stdout: 'signed 400',
    });
  });

  it('does the same on the main thread where there is one core', async () => {
    const pool = new CryptoPool(1);
    const signatures = await pool.sign('k', privateKey, messages);
    expect(verify('sha256', messages[0]!, publicKey, signatures[0]!)).toBe(true);
    await pool.close();
  });
});

function deviceList(count: number): string {
  const rows = ['name,product,pid,sn,uuid'];
  for (let n = 1; n <= count; n++) {
    const hex = n.toString(16).padStart(8, '0');
    rows.push(`node-${n},ucm,UCM,P${n},${hex}${'cd34'.repeat(6)}`);
  }
  return rows.join('\n');
}

/** The same code with the first character of its signature changed. */
function withBrokenSignature(code: string): string {
  return code.replace(/<signature>(.)/, (_, c: string) => `<signature>${c === 'A' ? 'B' : 'A'}`);
}

function signatureOf(code: string): string {
  return /<signature>([^<]*)<\/signature>/.exec(code)![1]!;
}

function fileOf(
  side: 'authority' | 'site',
  kind: 'authorization' | 'confirmation',
  entries: Array<{ code: string; udi: string }>,
): string {
  return writeTransferFile(
    {
      createdAt: new Date().toISOString(),
      from: { workspace: side === 'site' ? 'Plant A' : 'License desk', side },
      entries: entries.map((e) => ({ kind, ...e })),
    },
    nodeHasher,
  );
}

describe('a batch across the gap, its crypto on workers', () => {
  it('issues codes that verify, and refuses exactly the tampered ones among 200', async () => {
    const desk = await openDesk(tempDir('batch-crypto-desk'), 250);
    const site = await openSite(tempDir('batch-crypto-site'), desk);
    const a = { workspaceId: desk.workspaceId };
    const s = { workspaceId: site.workspaceId };
    await call(desk.router, 'authority.unlock', { ...a, passphrase: PASSPHRASE });
    await call(site.router, 'site.addDevices', { ...s, csv: deviceList(200), dryRun: false });
    const requested = await call(site.router, 'site.requestBatch', s);
    const reserved = await call(desk.router, 'authority.reserveBatch', {
      ...a,
      va: 'Lab',
      requestCodes: requested.items.map((i) => i.code!),
      selection: { type: 'SLR', licenses: { [TAGS.enhanced]: 1 } },
      batchId: 'b-crypto',
    });
    expect(reserved.items.filter((i) => !i.ok)).toEqual([]);

    // Two codes spoiled on the way: one signature altered, one moved onto another code.
    const entries = reserved.items.map((i) => ({ code: i.code!, udi: i.udi! }));
    entries[10]!.code = withBrokenSignature(entries[10]!.code);
    entries[20]!.code = entries[20]!.code.replace(
      signatureOf(entries[20]!.code),
      signatureOf(entries[21]!.code),
    );
    const imported = await call(site.router, 'transfer.import', {
      ...s,
      fileName: 'codes.airlock',
      text: fileOf('authority', 'authorization', entries),
    });
    const installed = await call(site.router, 'site.installBatch', {
      ...s,
      itemIds: imported.items.map((i) => i.id),
      batchId: 'b-install',
    });
    const refused = installed.items.filter((i) => !i.ok);
    expect(refused.map((i) => [i.index, i.error?.code])).toEqual([
      [10, 'AUTHORIZATION_SIGNATURE_INVALID'],
      [20, 'AUTHORIZATION_SIGNATURE_INVALID'],
    ]);
    const good = installed.items.filter((i) => i.ok && i.code);
    expect(good).toHaveLength(198);

    // The confirmations of what was installed confirm at the desk: the codes were genuine.
    const confirmed = await call(desk.router, 'transfer.import', {
      ...a,
      fileName: 'confirmations.airlock',
      text: fileOf(
        'site',
        'confirmation',
        good.map((i) => ({ code: i.code!, udi: i.udi! })),
      ),
    });
    expect(confirmed.items.map((i) => i.status)).toEqual(Array(198).fill('applied'));
  });

  it('decides again when the workspace changed while the workers signed', async () => {
    const desk = await openDesk(tempDir('batch-crypto-stale'), 400);
    const site = await openSite(tempDir('batch-crypto-stale-site'), desk);
    await call(desk.router, 'authority.unlock', {
      workspaceId: desk.workspaceId,
      passphrase: PASSPHRASE,
    });
    await call(site.router, 'site.addDevices', {
      workspaceId: site.workspaceId,
      csv: deviceList(200),
      dryRun: false,
    });
    const requested = await call(site.router, 'site.requestBatch', {
      workspaceId: site.workspaceId,
    });
    const codes = requested.items.map((i) => i.code!);
    const ws = desk.services.workspaces.authority(desk.workspaceId);
    const other = servicesOn(desk.dataDir); // another process's connection
    const pool = new CryptoPool(2);
    await other.services.workspaces.authority(desk.workspaceId).unlock(PASSPHRASE);
    const selection = { type: 'SLR' as const, licenses: { [TAGS.enhanced]: 1 } };
    let signings = 0;
    // While the pool signs, the first request of each batch is reserved by someone else: in
    // this window for the first batch, in another process for the second.
    // (The batch hands its slices over while it decides; what happens meanwhile happens once it
    // waits for the signatures, as another window's call or another process would.)
    const busyPool = {
      sign: async (...args: Parameters<CryptoPool['sign']>) => {
        const signing = ++signings;
        await new Promise((resolve) => setImmediate(resolve));
        if (signing === 1) ws.reserve('Lab', codes[0]!, selection);
        if (signing === 2)
          other.services.workspaces
            .authority(desk.workspaceId)
            .reserve('Lab', codes[100]!, selection);
        return pool.sign(...args);
      },
    } as unknown as CryptoPool;
    try {
      const first = await ws.reserveBatchOnWorkers('Lab', codes.slice(0, 100), selection, busyPool);
      signings = 1; // the second batch's first signing is its meanwhile
      const second = await ws.reserveBatchOnWorkers('Lab', codes.slice(100), selection, busyPool);
      // Decided again on what was current: the request reserved meanwhile is refused, once.
      for (const batch of [first, second]) {
        expect(batch.filter((r) => !r.ok).map((r) => [r.index, r.error?.code])).toEqual([
          [0, 'UDI_ALREADY_RESERVED'],
        ]);
      }
      const results = [...first, ...second].filter((r) => r.ok);
      expect(results).toHaveLength(198);
      const page = await call(desk.router, 'authority.instancePage', {
        workspaceId: desk.workspaceId,
        offset: 0,
        limit: 1,
      });
      expect(page.total).toBe(200);
      // Every code carries a real signature: each installs at the site.
      const imported = await call(site.router, 'transfer.import', {
        workspaceId: site.workspaceId,
        fileName: 'codes.airlock',
        text: fileOf(
          'authority',
          'authorization',
          results.map((r) => ({ code: r.code!, udi: r.udi! })),
        ),
      });
      const installed = await call(site.router, 'site.installBatch', {
        workspaceId: site.workspaceId,
        itemIds: imported.items.map((i) => i.id),
      });
      expect(installed.items.filter((i) => !i.ok)).toEqual([]);
    } finally {
      await pool.close();
    }
  });
});
