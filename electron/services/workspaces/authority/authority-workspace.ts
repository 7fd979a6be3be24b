// An open authority workspace: the ledger over its database, the signing key (locked until the
// passphrase is given), and the codes that go out to sites or came back from them.

import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type AuthorityEvent,
  AuthorityLedger,
  type BatchItemResult,
  type InstanceRecord,
  type InstanceView,
  type ReservationResult,
  type Selection,
  confirmMany,
  removeMany,
  reserveMany,
} from '../../../../shared/authority/index.ts';
import { SME_MINIMUM } from '../../../../shared/catalog/index.ts';
import type { BatchItemDto } from '../../../../shared/ipc/dto.ts';
import { DomainError, isDomainError } from '../../../../shared/errors.ts';
import type { Random, Signer, Verifier } from '../../../../shared/ports.ts';
import { toBase64, toHex, utf8 } from '../../../../shared/codes/bytes.ts';
import type { TransferEntry } from '../../../../shared/transfer/transfer-file.ts';
import { createSigner, createVerifier } from '../../crypto-node.ts';
import { decodeRequestCode } from '../../../../shared/codes/request-code.ts';
import { codeDigest } from '../../audit-entry.ts';
import type { CryptoPool } from '../../crypto-pool.ts';
import { errorDto } from '../../error-message.ts';
import { publicKeyOf, unlockAuthorityKeyFile } from '../../keys.ts';
import {
  type SecretStore,
  forgetPassphrase,
  recallPassphrase,
  rememberPassphrase,
} from '../../passphrase-memory.ts';
import type { CheckpointKey } from '../../db/checkpoints.ts';
import type { TransferItem } from '../transfer-item.ts';
import {
  type AuditRecord,
  WorkspaceBase,
  type WorkspaceParts,
  refusedRecord,
} from '../workspace-base.ts';
import { KEY_FILE, PASSPHRASE_FILE } from '../workspace-paths.ts';
import { AuthorityQueries } from './authority-queries.ts';
import { AuthorityWorkingSet } from './working-set.ts';

/** Below this many requests a batch signs in place: handing work to the workers costs more. */
const DEFERRED_SIGNING_MINIMUM = 64;
/** Requests decided before their signing is handed on (the next slice is decided meanwhile). */
const SIGNING_SLICE = 250;

/** Where an SLR authorization code carries its signature (base64). */
const SIGNATURE = /<signature>([^<]*)<\/signature>/;

/** The workspace changed between deciding a batch and writing it: it is decided again. */
class DecidedOnStaleState extends Error {}

/**
 * The signer a batch is decided with: each signature it returns is a stand-in, unique to this
 * batch (a random tag and a serial), that `signed` later swaps for the real signature of the
 * same bytes. Nothing with a stand-in in it may be written: `assertSigned` makes sure.
 */
class StandInSigner implements Signer {
  readonly messages: Uint8Array[] = [];
  private readonly tag: string;
  private readonly serials = new Map<string, number>();

  constructor(random: Random) {
    this.tag = toHex(random.bytes(12));
  }

  sign(data: Uint8Array): Uint8Array {
    const serial = this.messages.push(data) - 1;
    const bytes = utf8(`airlock-unsigned:${this.tag}:${serial}`.padEnd(72, '.'));
    this.serials.set(toBase64(bytes), serial);
    return bytes;
  }

  /** The code with its stand-in replaced by the real signature of what it stood for. */
  signed(code: string, signatures: readonly Uint8Array[]): string {
    const found = SIGNATURE.exec(code)?.[1];
    const serial = found === undefined ? undefined : this.serials.get(found);
    const signature = serial === undefined ? undefined : signatures[serial];
    if (found === undefined || !signature)
      throw new Error('a batch code has no stand-in signature');
    return code.replace(found, toBase64(signature));
  }

  assertSigned(record: InstanceRecord): void {
    const codes = [record.current.code];
    if (record.state === 'in-transit') codes.push(record.pending.authorization.code);
    for (const code of codes) {
      const signature = SIGNATURE.exec(code)?.[1];
      if (signature !== undefined && this.serials.has(signature))
        throw new Error('a stand-in signature was about to be written');
    }
  }
}

function eventRecord(e: AuthorityEvent): AuditRecord {
  return {
    action: e.type,
    ...(e.instanceId ? { subject: e.instanceId } : {}),
    details: { ...e.details, ...(e.va ? { va: e.va } : {}), ...(e.udi ? { udi: e.udi } : {}) },
  };
}

/** Why an unlock was refused, as logged: a wrong passphrase, or one tried while slowed down. */
const UNLOCK_REFUSALS = new Set(['PASSPHRASE_WRONG', 'UNLOCK_THROTTLED']);

/** An authorization code issued and queued to go out: which outbox item carries it. */
export type Issued<R> = R & { outboxItemId: string };

export class AuthorityWorkspace extends WorkspaceBase {
  readonly queries: AuthorityQueries;
  private readonly publicKey: { publicKeyPem: string; fingerprint: string };
  private readonly ownVerifier: Verifier;
  private signer: Signer | undefined;
  /** The unlocked key itself, for the worker pool (it never leaves the process as text). */
  private privateKey: KeyObject | undefined;

  private readonly secretStore: SecretStore | undefined;
  private readonly passphraseSource: (() => string | undefined) | undefined;
  private unlockTried = false;

  constructor(parts: WorkspaceParts) {
    super(parts);
    this.secretStore = parts.secretStore;
    this.passphraseSource = parts.passphrase;
    const secretStore = parts.secretStore;
    this.queries = new AuthorityQueries(this.db, () => this.ports.clock.now());
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

  /** The key file as stored (checked where it is used); gone or unreadable, a named refusal. */
  private keyFile(): unknown {
    const path = join(this.dir, KEY_FILE);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw new DomainError('KEY_FILE_CORRUPT', { reason: 'missing', path });
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new DomainError('KEY_FILE_CORRUPT', { reason: 'not-json', path });
    }
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
    return this.signer !== undefined;
  }

  /** Its signing key signs the log's checkpoints too (while it is unlocked). */
  override checkpointKey(): CheckpointKey {
    return { fingerprint: this.fingerprint, verifier: this.ownVerifier, signer: this.signer };
  }

  /**
   * A change made with the passphrase at hand (a script's environment) is signed: the key is
   * unlocked first, once, outside the transaction. Without one, changes stay unsigned until the
   * next change made unlocked (its checkpoint covers them).
   */
  protected override beforeChange(): void {
    if (this.signer || this.unlockTried || !this.passphraseSource) return;
    this.unlockTried = true;
    const passphrase = this.passphraseSource();
    if (passphrase) this.unlock(passphrase);
  }

  /**
   * Slow (scrypt): runs before any transaction, so other processes never wait for it. A wrong
   * passphrase, and an attempt refused while unlocking is slowed after several, are logged.
   */
  unlock(passphrase: string, remember = false): void {
    this.unlockTried = true; // the passphrase a script was given is not tried a second time
    if (this.signer && !remember) return; // already unlocked in this session
    let key: KeyObject;
    try {
      key = unlockAuthorityKeyFile(join(this.dir, KEY_FILE), passphrase, {
        now: () => this.ports.clock.now(),
        random: this.ports.random,
      }).privateKey;
    } catch (error) {
      if (isDomainError(error) && UNLOCK_REFUSALS.has(error.code))
        this.log([{ action: 'unlock-failed', details: { reason: error.code, ...error.facts } }]);
      throw error;
    }
    this.useKey(key);
    if (remember && this.secretStore)
      rememberPassphrase(this.secretStore, this.passphrasePath, passphrase);
  }

  /**
   * Signs with this key from now on: one just unlocked, or the key a new desk was made with. The
   * log's first checkpoint (a new desk's, an upgraded one's) is signed now.
   */
  useKey(key: KeyObject): void {
    this.unlockTried = true;
    this.signer = createSigner(key);
    this.privateKey = key;
    this.anchor();
  }

  lock(): void {
    this.signer = undefined;
    this.privateKey = undefined;
    forgetPassphrase(this.passphrasePath);
  }

  get passphraseRemembered(): boolean {
    return this.secretStore
      ? recallPassphrase(this.secretStore, this.passphrasePath) !== undefined
      : false;
  }

  private ledgerOver(set: AuthorityWorkingSet): AuthorityLedger {
    return new AuthorityLedger(set.state, {
      ...this.ports,
      smeMinimum: SME_MINIMUM,
      requestUsed: this.requestUsed,
      ...(this.signer ? { signer: this.signer } : {}),
    });
  }

  /**
   * The instance a request code was already answered with, from the log: each reservation and
   * rehost records the request it answered (`request-code-received`, by the code's digest).
   */
  private readonly requestUsed = (spellings: readonly string[]): string | undefined => {
    for (const digest of new Set(spellings.map((s) => codeDigest(s)))) {
      const subject = this.audit.firstSubject('request-code-received', digest);
      if (subject) return subject;
    }
    return undefined;
  };

  /** A question to the ledger, answered from one consistent snapshot; changes nothing. */
  read<T>(question: (ledger: AuthorityLedger, set: AuthorityWorkingSet) => T): T {
    return this.db.read(() => {
      const set = new AuthorityWorkingSet(this.db);
      return question(this.ledgerOver(set), set);
    });
  }

  /**
   * A ledger operation as one transaction: the state it decides on is read inside it, the rows it
   * changed are written, its events and `records` logged, all committed together.
   */
  run<T>(
    operation: (ledger: AuthorityLedger) => T,
    records: (result: T) => AuditRecord[] = () => [],
  ): T {
    return this.transact((log) => {
      const set = new AuthorityWorkingSet(this.db);
      const ledger = this.ledgerOver(set);
      const result = operation(ledger);
      set.flush();
      log([...ledger.drainEvents().map(eventRecord), ...records(result)]);
      return result;
    });
  }

  /** The exact id an id or unique prefix names (the ledger refuses what it does not find). */
  exactId(idOrPrefix: string): string {
    return this.queries.resolveId(idOrPrefix) ?? idOrPrefix;
  }

  /** An authorization code to carry to the site, queued in the outbox (inside the operation). */
  private queueAuthorization(instance: InstanceView, code: string): TransferItem {
    return this.items.outgoing({
      kind: 'authorization',
      code,
      udi: instance.udi,
      subject: instance.id,
      label: instance.name,
    });
  }

  private issuedRecords(instance: InstanceView, code: string, requestCode?: string): AuditRecord[] {
    return [
      ...(requestCode
        ? [
            {
              action: 'request-code-received',
              direction: 'in' as const,
              subject: instance.id,
              // As decoded: requestUsed finds it again however the code is spelled next time.
              code: { kind: 'request' as const, text: canonicalRequest(requestCode) },
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

  /** Signs a new authorization with `operation` and queues it to go out, in one transaction. */
  private issue(
    operation: (ledger: AuthorityLedger) => ReservationResult,
    requestCode?: string,
  ): Issued<ReservationResult> {
    return this.run(
      (ledger) => {
        const result = operation(ledger);
        const item = this.queueAuthorization(result.instance, result.authorizationCode);
        if (requestCode) this.items.used(requestCode, result.instance.id, result.instance.name);
        return { ...result, outboxItemId: item.id };
      },
      (r) => this.issuedRecords(r.instance, r.authorizationCode, requestCode),
    );
  }

  reserve(va: string, requestCode: string, selection: Selection): Issued<ReservationResult> {
    return this.issue((l) => l.reserve(va, requestCode, selection), requestCode);
  }

  update(instanceId: string, licenses: Record<string, number>): Issued<ReservationResult> {
    const id = this.exactId(instanceId);
    return this.issue((l) => l.update(id, licenses));
  }

  rehost(instanceId: string, requestCode: string, reason: string): Issued<ReservationResult> {
    const id = this.exactId(instanceId);
    return this.issue((l) => l.rehost(id, requestCode, reason), requestCode);
  }

  transfer(instanceId: string, toVa: string): InstanceView {
    const id = this.exactId(instanceId);
    return this.run((l) => l.transfer(id, toVa));
  }

  /**
   * The instance's answer came back (a confirmation, a return): whatever authorization code was
   * still waiting to be carried to it got there by hand, and is no longer waiting.
   */
  private answered(instanceId: string): void {
    this.items.settle('out', 'authorization', instanceId, 'waiting');
  }

  confirm(instanceId: string, code: string): InstanceView {
    const id = this.exactId(instanceId);
    return this.run(
      (l) => {
        const instance = l.confirm(id, code);
        this.answered(instance.id);
        return instance;
      },
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

  remove(instanceId: string, returnCode: string): InstanceView {
    const id = this.exactId(instanceId);
    return this.run(
      (l) => {
        const instance = l.remove(id, returnCode);
        this.answered(instance.id);
        return instance;
      },
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
    return this.transact((log) => {
      const set = new AuthorityWorkingSet(this.db);
      const ledger = this.ledgerOver(set);
      const results = reserveMany(ledger, va, [...requestCodes], selection);
      return this.issueBatch(set, ledger, results, requestCodes, log);
    });
  }

  /**
   * Inside a batch's transaction: each reservation's code queued to go out, its request marked
   * used, the rows written and everything logged; the batch's answer, item by item.
   */
  private issueBatch(
    set: AuthorityWorkingSet,
    ledger: AuthorityLedger,
    results: readonly BatchItemResult[],
    requestCodes: readonly string[],
    log: (records: AuditRecord[]) => void,
  ): BatchItemDto[] {
    const records: AuditRecord[] = [];
    const items = results.map((r, i) => {
      if (!r.ok || !r.instance || !r.authorizationCode) return batchDto(r);
      const item = this.queueAuthorization(r.instance, r.authorizationCode);
      this.items.used(requestCodes[i]!, r.instance.id, r.instance.name);
      records.push(...this.issuedRecords(r.instance, r.authorizationCode, requestCodes[i]));
      return { ...batchDto(r, r.authorizationCode), outboxItemId: item.id };
    });
    set.flush();
    log([...ledger.drainEvents().map(eventRecord), ...records]);
    return items;
  }

  /**
   * `reserveBatch` with the signing done on the pool's workers (SLR): the reservations are
   * decided on a snapshot with a stand-in signer, the signed bytes go to the workers a slice at a
   * time while the next slice is decided, and the transaction that writes them puts each real
   * signature in place of its stand-in. If anything committed to the workspace meanwhile (another
   * process, another window), nothing decided is used: the batch runs as `reserveBatch` does.
   */
  async reserveBatchOnWorkers(
    va: string,
    requestCodes: readonly string[],
    selection: Selection,
    pool: CryptoPool,
  ): Promise<BatchItemDto[]> {
    this.beforeChange();
    const key = this.privateKey;
    if (selection.type !== 'SLR' || !key || requestCodes.length < DEFERRED_SIGNING_MINIMUM)
      return this.reserveBatch(va, requestCodes, selection);
    const stand = new StandInSigner(this.ports.random);
    const signing: Array<Promise<Uint8Array[]>> = [];
    const decided = this.db.read(() => {
      const set = new AuthorityWorkingSet(this.db);
      const ledger = new AuthorityLedger(set.state, {
        ...this.ports,
        smeMinimum: SME_MINIMUM,
        requestUsed: this.requestUsed,
        signer: stand,
      });
      const mark = this.db.changeMark();
      const results: BatchItemResult[] = [];
      for (let at = 0; at < requestCodes.length; at += SIGNING_SLICE) {
        const slice = requestCodes.slice(at, at + SIGNING_SLICE);
        const from = stand.messages.length;
        results.push(
          ...reserveMany(ledger, va, slice, selection).map((r) => ({ ...r, index: r.index + at })),
        );
        signing.push(pool.sign(this.fingerprint, key, stand.messages.slice(from)));
      }
      return { set, ledger, mark, results };
    });
    const signatures = (await Promise.all(signing)).flat();
    try {
      return this.transact((log) => {
        if (this.db.changeMark() !== decided.mark) throw new DecidedOnStaleState();
        const { set, ledger, results } = decided;
        const signed = results.map((r) => {
          if (!r.ok || !r.instance || !r.authorizationCode) return r;
          const code = stand.signed(r.authorizationCode, signatures);
          const record = set.state.instances[r.instance.id]!;
          if (record.current.code === r.authorizationCode) record.current.code = code;
          if (
            record.state === 'in-transit' &&
            record.pending.authorization.code === r.authorizationCode
          )
            record.pending.authorization.code = code;
          stand.assertSigned(record);
          return {
            ...r,
            authorizationCode: code,
            instance: { ...r.instance, authorizationCode: code },
          };
        });
        return this.issueBatch(set, ledger, signed, requestCodes, log);
      });
    } catch (error) {
      if (!(error instanceof DecidedOnStaleState)) throw error;
      return this.reserveBatch(va, requestCodes, selection);
    }
  }

  /** Files from sites: requests wait for a decision; confirmations and returns apply at once. */
  importEntries(entries: readonly TransferEntry[], file: string): TransferItem[] {
    return this.transact((log) => {
      const set = new AuthorityWorkingSet(this.db);
      const ledger = this.ledgerOver(set);
      const records: AuditRecord[] = [];
      const fresh: TransferItem[] = [];
      // A code that failed before is tried again: what stopped it may have changed since (an
      // instance reserved again), and the answer shown is today's, not the old one.
      const retried: TransferItem[] = [];
      // Importing a file again adds nothing new: each code is in the inbox once.
      const held = this.items.incomingByCode(entries.map((e) => e.code));
      for (const entry of entries) {
        const digest = codeDigest(entry.code);
        const before = held.get(digest);
        if (before) {
          if (before.status === 'failed' && !retried.includes(before)) retried.push(before);
          continue;
        }
        const item = this.items.incoming(entry, file);
        held.set(digest, item);
        fresh.push(item);
      }
      const apply = (kind: 'confirmation' | 'return', run: typeof confirmMany) => {
        const chosen = [...fresh, ...retried].filter((i) => i.kind === kind);
        const results = run(
          ledger,
          chosen.map((i) => ({
            code: i.code,
            ...(i.udi ? { udi: i.udi } : {}),
            ...(!i.udi && i.subject ? { instanceId: this.exactId(i.subject) } : {}),
          })),
        );
        results.forEach((r, n) => {
          const item = chosen[n]!;
          if (r.ok && r.instance) {
            item.subject = r.instance.id;
            item.label = r.instance.name;
            this.items.markApplied(item);
            this.answered(r.instance.id);
            records.push({
              action: `${kind}-code-received`,
              direction: 'in',
              subject: r.instance.id,
              code: { kind, text: item.code },
              details: { file },
            });
          } else if (r.error) {
            const error = errorDto(r.error.code, r.error.facts);
            this.items.markFailed(item, error);
            records.push(refusedRecord(item, error, file));
          }
        });
      };
      apply('confirmation', confirmMany);
      apply('return', removeMany);
      for (const item of fresh) {
        if (item.kind === 'authorization') {
          const wrongSide = errorDto('IMPORT_WRONG_SIDE', { kind: item.kind, side: 'authority' });
          this.items.markFailed(item, wrongSide);
          records.push(refusedRecord(item, wrongSide, file));
        }
        if (item.kind === 'request')
          records.push({
            action: 'request-code-imported',
            direction: 'in',
            code: { kind: 'request', text: item.code },
            details: { file },
          });
      }
      set.flush();
      log([...records, ...ledger.drainEvents().map(eventRecord)]);
      // Every entry's item, including those a previous import of the same file already holds.
      return entries.map((e) => held.get(codeDigest(e.code))!);
    });
  }
}

export function batchDto(r: BatchItemResult, code?: string): BatchItemDto {
  return {
    index: r.index,
    ok: r.ok,
    ...(r.instance
      ? { instanceId: r.instance.id, udi: r.instance.udi, name: r.instance.name }
      : r.udi
        ? { udi: r.udi }
        : {}),
    ...(code ? { code } : {}),
    ...(r.error ? { error: errorDto(r.error.code, r.error.facts) } : {}),
  };
}

/** A request code in the one spelling decoding gives it (line breaks, case, quotes gone). */
function canonicalRequest(text: string): string {
  try {
    return decodeRequestCode(text).text;
  } catch {
    return text;
  }
}
