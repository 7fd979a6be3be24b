// An open site workspace: its devices (emulated agents and external ledgers) as rows, the trusted
// authority key, and the codes that go out or came in. Each operation is one transaction; the
// work itself lives beside this file, one module per responsibility.

import { ExternalDevice, ProductAgent } from '../../../../shared/agent/index.ts';
import type { CodeKind } from '../../../../shared/codes/classify.ts';
import { udiKey } from '../../../../shared/codes/udi.ts';
import { DomainError, isDomainError } from '../../../../shared/errors.ts';
import type { DeviceDetailDto } from '../../../../shared/ipc/dto.ts';
import type { Signer, Verifier } from '../../../../shared/ports.ts';
import { type KeyObject, createPublicKey } from 'node:crypto';
import { join } from 'node:path';
import { createSigner, createVerifier } from '../../crypto-node.ts';
import type { CheckpointKey } from '../../db/checkpoints.ts';
import type { SecretStore } from '../../passphrase-memory.ts';
import {
  SITE_KEY_FILE,
  type SiteKey,
  type SiteKeyProtection,
  readSiteKey,
  siteKeyExists,
  unlockSiteKey,
} from '../../site-key.ts';
import { type Trust, parseTrustFile } from '../../trust-file.ts';
import type { TransferItem } from '../transfer-item.ts';
import { type AuditRecord, WorkspaceBase, type WorkspaceParts } from '../workspace-base.ts';
import {
  DeviceRows,
  type EmulatedDevice,
  type ExternalSiteDevice,
  type SiteDevice,
  udiOf,
} from './device-rows.ts';
import { emulatedDetail, emulatedStage, externalDetail, summaryOf } from './site-view.ts';

export class SiteWorkspace extends WorkspaceBase {
  readonly devices = new DeviceRows(this.db);
  private verifierFor: { fingerprint: string; key: KeyObject; verifier: Verifier } | undefined;
  /** The site's own key for its log's checkpoints: the public half, and the signer once unlocked. */
  private key: { about: SiteKey; verifier: Verifier; signer: Signer | undefined } | undefined;
  private readonly secretStore: SecretStore | undefined;
  private readonly passphraseSource: (() => string | undefined) | undefined;
  private unlockTried = false;

  constructor(parts: WorkspaceParts) {
    super(parts);
    this.secretStore = parts.secretStore;
    this.passphraseSource = parts.passphrase;
    const path = join(this.dir, SITE_KEY_FILE);
    if (!siteKeyExists(path)) return;
    const about = readSiteKey(path);
    this.key = { about, verifier: createVerifier(about.publicKeyPem), signer: undefined };
    // A key under a passphrase is unlocked when a change needs it (scrypt is slow, and reading
    // needs no key); one kept by the keychain or the file's permissions costs nothing to open.
    if (about.protection === 'passphrase') return;
    const privateKey = unlockSiteKey(path, { secretStore: this.secretStore });
    if (privateKey) this.key.signer = createSigner(privateKey);
  }

  /**
   * A change made with the passphrase at hand (a script's environment) is signed: the key is
   * unlocked first, once, outside the transaction, as at the desk.
   */
  protected override beforeChange(): void {
    if (!this.key || this.key.signer || this.unlockTried || !this.passphraseSource) return;
    this.unlockTried = true;
    const passphrase = this.passphraseSource();
    if (passphrase) this.unlock(passphrase);
  }

  override checkpointKey(): CheckpointKey | undefined {
    return (
      this.key && {
        fingerprint: this.key.about.fingerprint,
        verifier: this.key.verifier,
        signer: this.key.signer,
      }
    );
  }

  /** How the site's checkpoint key is kept, and whether it is unlocked here. */
  get keyState(): { protection: SiteKeyProtection; fingerprint: string; unlocked: boolean } | null {
    return this.key
      ? {
          protection: this.key.about.protection,
          fingerprint: this.key.about.fingerprint,
          unlocked: this.key.signer !== undefined,
        }
      : null;
  }

  /** A passphrase-protected site key, unlocked for this session (the app asks for it). */
  unlock(passphrase: string): void {
    if (!this.key || this.key.signer) return;
    let privateKey: ReturnType<typeof unlockSiteKey>;
    try {
      privateKey = unlockSiteKey(join(this.dir, SITE_KEY_FILE), { passphrase });
    } catch (error) {
      if (isDomainError(error) && error.code === 'PASSPHRASE_WRONG')
        this.log([{ action: 'unlock-failed', details: { reason: error.code, key: 'site' } }]);
      throw error;
    }
    if (privateKey) this.useKey(privateKey);
  }

  /** Signs checkpoints with this key from now on (one just unlocked, or a new site's own). */
  useKey(key: KeyObject): void {
    if (!this.key) return;
    this.key.signer ??= createSigner(key);
    this.anchor();
  }

  trust(): Trust | null {
    const row = this.db
      .stmt(
        'SELECT authority_name, public_key_pem, fingerprint, created_at FROM trust WHERE singleton = 1',
      )
      .get() as
      | { authority_name: string; public_key_pem: string; fingerprint: string; created_at: string }
      | undefined;
    return row
      ? {
          authorityName: row.authority_name,
          publicKeyPem: row.public_key_pem,
          fingerprint: row.fingerprint,
          createdAt: row.created_at,
        }
      : null;
  }

  /** The trusted authority's key, parsed once per key, and a verifier over it. */
  trustKey(): { fingerprint: string; key: KeyObject; verifier: Verifier } | undefined {
    const trust = this.trust();
    if (!trust) return undefined;
    if (this.verifierFor?.fingerprint !== trust.fingerprint) {
      const verifier = createVerifier(trust.publicKeyPem); // refuses a key that is not P-256
      const key = createPublicKey(trust.publicKeyPem);
      this.verifierFor = { fingerprint: trust.fingerprint, key, verifier };
    }
    return this.verifierFor;
  }

  /** The trusted authority's key as a verifier, made once per key. */
  get verifier(): Verifier | undefined {
    return this.trustKey()?.verifier;
  }

  /** Stores the trusted authority (inside a transaction of the caller's, or its own). */
  setTrust(trust: Trust): void {
    this.db
      .stmt(
        `INSERT INTO trust (singleton, authority_name, public_key_pem, fingerprint, created_at)
         VALUES (1, ?, ?, ?, ?)
         ON CONFLICT (singleton) DO UPDATE SET authority_name = excluded.authority_name,
           public_key_pem = excluded.public_key_pem, fingerprint = excluded.fingerprint,
           created_at = excluded.created_at`,
      )
      .run(trust.authorityName, trust.publicKeyPem, trust.fingerprint, trust.createdAt);
  }

  /**
   * Trusts the authority in a trust file. Replacing a trusted key with another is deliberate: it
   * needs `replace` (the operator saw both fingerprints), and the log keeps the old one too.
   * The same key again changes nothing.
   */
  importTrust(text: string, replace = false): { changed: boolean } {
    const trust = parseTrustFile(text);
    return this.transact((log) => {
      const current = this.trust();
      if (current?.fingerprint === trust.fingerprint) return { changed: false };
      if (current && !replace)
        throw new DomainError('TRUST_REPLACE_UNCONFIRMED', {
          current: current.fingerprint,
          currentAuthority: current.authorityName,
          incoming: trust.fingerprint,
          incomingAuthority: trust.authorityName,
        });
      this.setTrust(trust);
      log([
        {
          action: 'trust-imported',
          details: {
            authority: trust.authorityName,
            fingerprint: trust.fingerprint,
            ...(current
              ? { replaced: current.fingerprint, replacedAuthority: current.authorityName }
              : {}),
          },
        },
      ]);
      return { changed: true };
    });
  }

  /**
   * The trusted key must be the one the log last recorded: a key swapped in the database file
   * (or trust removed) behind the app's back is refused when the workspace opens.
   */
  checkTrustAgainstLog(): void {
    const logged = this.db
      .stmt(
        `SELECT json_extract(details, '$.fingerprint') FROM audit
         WHERE action = 'trust-imported' ORDER BY seq DESC LIMIT 1`,
      )
      .pluck()
      .get() as string | undefined;
    const stored = this.trust()?.fingerprint;
    if ((logged ?? null) !== (stored ?? null))
      throw new DomainError('TRUST_TAMPERED', {
        path: this.db.path,
        stored: stored ?? 'none',
        logged: logged ?? 'none',
      });
  }

  /** One transaction: what `change` reads is current; its rows and log entries commit together. */
  change<T>(change: (log: (records: AuditRecord[]) => void) => T): T {
    return this.transact(change);
  }

  device(id: string): SiteDevice {
    const device = this.devices.byId(id);
    if (!device) throw new DomainError('DEVICE_NOT_FOUND', { device: id });
    return device;
  }

  emulated(id: string): EmulatedDevice {
    const device = this.device(id);
    if (device.kind !== 'emulated') throw new DomainError('DEVICE_IS_EXTERNAL', { device: id });
    return device;
  }

  external(id: string): ExternalSiteDevice {
    const device = this.device(id);
    if (device.kind !== 'external') throw new DomainError('DEVICE_IS_EMULATED', { device: id });
    return device;
  }

  /** The Smart Agent working on an emulated device's state, in place. */
  agent(device: EmulatedDevice, verifier = this.verifier): ProductAgent {
    return new ProductAgent(device.agent, { ...this.ports, ...(verifier ? { verifier } : {}) });
  }

  /** The ledger working on an external device's state, in place. */
  ledger(device: ExternalSiteDevice, verifier = this.verifier): ExternalDevice {
    return new ExternalDevice(device.ledger, { ...this.ports, ...(verifier ? { verifier } : {}) });
  }

  detailOf(device: SiteDevice, verifier = this.verifier): DeviceDetailDto {
    return device.kind === 'emulated'
      ? emulatedDetail(device, this.agent(device, verifier), this.ports.clock.now())
      : externalDetail(device, this.ledger(device, verifier));
  }

  detail(id: string): DeviceDetailDto {
    return this.db.read(() => this.detailOf(this.device(id)));
  }

  /** The columns a device's row is listed by, from its state now. */
  rowSummary(device: SiteDevice, verifier = this.verifier) {
    const detail = this.detailOf(device, verifier);
    return summaryOf(
      detail,
      device.kind === 'emulated' ? emulatedStage(device) : device.ledger.progress.stage,
    );
  }

  /** Writes a changed device back (inside the operation's transaction). */
  store(device: SiteDevice, verifier = this.verifier): void {
    this.devices.save(device, this.rowSummary(device, verifier));
  }

  /**
   * A code this site produced, queued to be carried to the authority; a code already queued
   * (a pending request printed again) is the same item, not a second one.
   */
  queueOut(device: SiteDevice, kind: CodeKind, text: string): TransferItem {
    return (
      this.items.findOut(text) ??
      this.items.outgoing({
        kind,
        code: text,
        udi: udiKey(udiOf(device)),
        subject: device.id,
        label: device.name,
      })
    );
  }
}
