// An open authority workspace: the ledger over its document, the signing key (locked until the
// passphrase is given), and the codes that go out to sites or came back from them.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type AuthorityEvent,
  AuthorityLedger,
  type BatchItemResult,
  type InstanceView,
  createAuthorityState,
  confirmMany,
  removeMany,
  reserveMany,
} from '../../../shared/authority/index.ts';
import type { Selection } from '../../../shared/authority/index.ts';
import { SME_MINIMUM } from '../../../shared/catalog/index.ts';
import type { AuthorityOverviewDto, BatchItemDto } from '../../../shared/ipc/dto.ts';
import type { Verifier } from '../../../shared/ports.ts';
import type { TransferEntry } from '../../../shared/transfer/transfer-file.ts';
import { createSigner, createVerifier } from '../crypto-node.ts';
import { writeFileDurably } from '../durable-write.ts';
import { errorDto } from '../error-message.ts';
import { generateAuthorityKey, publicKeyOf, unlockAuthorityKeyFile } from '../keys.ts';
import {
  type SecretStore,
  forgetPassphrase,
  recallPassphrase,
  rememberPassphrase,
} from '../passphrase-memory.ts';
import type { TransferItem } from './transfer-item.ts';
import { type AuditRecord, WorkspaceBase, type WorkspaceParts } from './workspace-base.ts';
import { type AuthorityDocument, WORKSPACE_SCHEMA_VERSION } from './workspace-document.ts';
import { KEY_FILE, PASSPHRASE_FILE } from './workspace-paths.ts';
import type { WorkspaceRepository } from './workspace-repository.ts';

function eventRecord(e: AuthorityEvent): AuditRecord {
  return {
    action: e.type,
    ...(e.instanceId ? { subject: e.instanceId } : {}),
    details: { ...e.details, ...(e.va ? { va: e.va } : {}), ...(e.udi ? { udi: e.udi } : {}) },
  };
}

export class AuthorityWorkspace extends WorkspaceBase<AuthorityDocument> {
  readonly ledger: AuthorityLedger;
  private readonly publicKey: { publicKeyPem: string; fingerprint: string };
  private readonly ownVerifier: Verifier;

  constructor(
    parts: WorkspaceParts<AuthorityDocument>,
    private readonly secretStore?: SecretStore,
  ) {
    super(parts);
    this.ledger = new AuthorityLedger(this.doc.authority, {
      ...this.ports,
      smeMinimum: SME_MINIMUM,
    });
    this.publicKey = publicKeyOf(this.keyFile());
    this.ownVerifier = createVerifier(this.publicKey.publicKeyPem);
    const remembered = secretStore ? recallPassphrase(secretStore, this.passphrasePath) : undefined;
    if (remembered) {
      try {
        this.unlock(remembered);
      } catch {
        // A remembered passphrase that no longer fits: the operator is simply asked again.
      }
    }
  }

  private get passphrasePath(): string {
    return join(this.dir, PASSPHRASE_FILE);
  }

  private keyFile(): unknown {
    return JSON.parse(readFileSync(join(this.dir, KEY_FILE), 'utf8'));
  }

  /** This authority's own public key: Inspect verifies its codes with it. */
  get verifier(): Verifier {
    return this.ownVerifier;
  }

  get fingerprint(): string {
    return this.publicKey.fingerprint;
  }

  get publicKeyPem(): string {
    return this.publicKey.publicKeyPem;
  }

  get keyUnlocked(): boolean {
    return this.unlocked;
  }

  private unlocked = false;

  unlock(passphrase: string, remember = false): void {
    const { privateKey: key } = unlockAuthorityKeyFile(join(this.dir, KEY_FILE), passphrase, {
      now: () => this.ports.clock.now(),
      random: this.ports.random,
    });
    this.ledger.setSigner(createSigner(key));
    this.unlocked = true;
    if (remember && this.secretStore)
      rememberPassphrase(this.secretStore, this.passphrasePath, passphrase);
  }

  lock(): void {
    this.ledger.setSigner(undefined);
    this.unlocked = false;
    forgetPassphrase(this.passphrasePath);
  }

  get passphraseRemembered(): boolean {
    return this.secretStore
      ? recallPassphrase(this.secretStore, this.passphrasePath) !== undefined
      : false;
  }

  overview(): AuthorityOverviewDto {
    return {
      workspace: this.summary,
      smartAccount: this.doc.authority.smartAccount.name,
      reservationEnabled: this.doc.authority.smartAccount.reservationEnabled,
      keyUnlocked: this.keyUnlocked,
      passphraseRemembered: this.passphraseRemembered,
      fingerprint: this.fingerprint,
      virtualAccounts: this.ledger.virtualAccounts(),
      alerts: this.ledger.alerts(),
      pool: this.ledger.poolSummary(),
      instanceCounts: this.ledger.instanceCounts(),
    };
  }

  /** Runs a ledger operation; its events and the codes that crossed go to the audit log. */
  run<T>(
    operation: (ledger: AuthorityLedger) => T,
    codes: (result: T) => AuditRecord[] = () => [],
  ): T {
    return this.commit(
      () => operation(this.ledger),
      (result) => [...this.ledger.drainEvents().map(eventRecord), ...codes(result)],
    );
  }

  /** An authorization code to carry to the site: queued in the outbox and logged as going out. */
  private issued(instance: InstanceView, code: string, requestCode?: string): AuditRecord[] {
    this.items.outgoing({
      kind: 'authorization',
      code,
      udi: instance.udi,
      subject: instance.id,
      label: instance.name,
    });
    return [
      ...(requestCode
        ? [
            {
              action: 'request-code-received',
              direction: 'in' as const,
              subject: instance.id,
              code: { kind: 'request' as const, text: requestCode },
            },
          ]
        : []),
      {
        action: 'authorization-code-issued',
        direction: 'out',
        subject: instance.id,
        code: { kind: 'authorization', text: code },
      },
    ];
  }

  reserve(va: string, requestCode: string, selection: Selection) {
    return this.run(
      (l) => l.reserve(va, requestCode, selection),
      (r) => this.issued(r.instance, r.authorizationCode, requestCode),
    );
  }

  update(instanceId: string, licenses: Record<string, number>) {
    return this.run(
      (l) => l.update(instanceId, licenses),
      (r) => this.issued(r.instance, r.authorizationCode),
    );
  }

  rehost(instanceId: string, requestCode: string, reason: string) {
    return this.run(
      (l) => l.rehost(instanceId, requestCode, reason),
      (r) => this.issued(r.instance, r.authorizationCode, requestCode),
    );
  }

  confirm(instanceId: string, code: string) {
    return this.run(
      (l) => l.confirm(instanceId, code),
      (i) => [
        {
          action: 'confirmation-code-received',
          direction: 'in',
          subject: i.id,
          code: { kind: 'confirmation', text: code },
        },
      ],
    );
  }

  remove(instanceId: string, returnCode: string) {
    return this.run(
      (l) => l.remove(instanceId, returnCode),
      (i) => [
        {
          action: 'return-code-received',
          direction: 'in',
          subject: i.id,
          code: { kind: 'return', text: returnCode },
        },
      ],
    );
  }

  reserveBatch(va: string, requestCodes: readonly string[], selection: Selection): BatchItemDto[] {
    const results = this.run(
      (l) => reserveMany(l, va, [...requestCodes], selection),
      (items) =>
        items.flatMap((r, i) =>
          r.ok && r.instance && r.authorizationCode
            ? this.issued(r.instance, r.authorizationCode, requestCodes[i])
            : [],
        ),
    );
    return results.map((r) => batchDto(r, r.authorizationCode));
  }

  /** Files from sites: requests wait for a decision; confirmations and returns apply at once. */
  importEntries(entries: readonly TransferEntry[], file: string): TransferItem[] {
    const records: AuditRecord[] = [];
    return this.commit(
      () => {
        const fresh = entries.filter((e) => !this.items.findIn(e.code));
        const items = fresh.map((e) => this.items.incoming(e, file));
        const apply = (kind: 'confirmation' | 'return', run: typeof confirmMany) => {
          const chosen = items.filter((i) => i.kind === kind);
          const results = run(
            this.ledger,
            chosen.map((i) => ({
              code: i.code,
              ...(i.udi ? { udi: i.udi } : {}),
              ...(!i.udi && i.subject ? { instanceId: i.subject } : {}),
            })),
          );
          results.forEach((r, n) => {
            const item = chosen[n]!;
            if (r.ok && r.instance) {
              this.items.markApplied(item);
              item.subject = r.instance.id;
              item.label = r.instance.name;
              records.push({
                action: `${kind}-code-received`,
                direction: 'in',
                subject: r.instance.id,
                code: { kind, text: item.code },
                details: { file },
              });
            } else if (r.error) this.items.markFailed(item, errorDto(r.error.code, r.error.facts));
          });
        };
        apply('confirmation', confirmMany);
        apply('return', removeMany);
        for (const item of items) {
          if (item.kind === 'authorization')
            this.items.markFailed(
              item,
              errorDto('IMPORT_WRONG_SIDE', { kind: item.kind, side: 'authority' }),
            );
          if (item.kind === 'request')
            records.push({
              action: 'request-code-imported',
              direction: 'in',
              code: { kind: 'request', text: item.code },
              details: { file },
            });
        }
        records.push(...this.ledger.drainEvents().map(eventRecord));
        // Every entry's item, including those a previous import of the same file already holds.
        return entries.map((e) => this.items.findIn(e.code)!);
      },
      () => records,
    );
  }
}

function batchDto(r: BatchItemResult, code?: string): BatchItemDto {
  return {
    index: r.index,
    ok: r.ok,
    ...(r.instance ? { instanceId: r.instance.id, udi: r.instance.udi } : {}),
    ...(code ? { code } : {}),
    ...(r.error ? { error: errorDto(r.error.code, r.error.facts) } : {}),
  };
}

/** A new authority: its key is made and stored (encrypted) before the first document is written. */
export function createAuthorityWorkspace(
  repo: WorkspaceRepository,
  name: string,
  passphrase: string,
): AuthorityWorkspace {
  // Checked before anything touches the disk, so a short passphrase leaves no half-made workspace.
  const key = generateAuthorityKey(passphrase, { random: repo.deps.ports.random });
  const ws = repo.create('authority', name, (meta, dir): AuthorityDocument => {
    writeFileDurably(join(dir, KEY_FILE), `${JSON.stringify(key.encryptedKeyFile, null, 2)}\n`);
    return {
      schemaVersion: WORKSPACE_SCHEMA_VERSION,
      id: meta.id,
      kind: 'authority',
      name: meta.name,
      createdAt: meta.createdAt,
      items: [],
      nextItem: 1,
      authority: createAuthorityState({ smartAccount: meta.name }),
    };
  }) as AuthorityWorkspace;
  ws.log([
    {
      action: 'workspace-created',
      details: { kind: 'authority', name: ws.doc.name, fingerprint: key.fingerprint },
    },
  ]);
  ws.unlock(passphrase);
  return ws;
}
