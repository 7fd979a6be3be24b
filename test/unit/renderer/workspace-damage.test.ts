// A workspace that cannot be opened as it is: the refusals that lead to the restore screen, and
// the backup it previews first.
import { describe, expect, it } from 'vitest';
import type { BackupDto, ErrorDto } from '../../../shared/ipc/dto.ts';
import { isDamage, suggestedBackup } from '../../../renderer/lib/workspace-damage.ts';

const error = (code: string, facts: ErrorDto['facts'] = {}): ErrorDto => ({
  code,
  message: '',
  facts,
});
const backup = (fileName: string, createdAt: number): BackupDto => ({
  fileName,
  createdAt,
  reason: 'daily',
  bytes: 4096,
});
const backups = [backup('newest.db', 3), backup('older.db', 2), backup('oldest.db', 1)];

describe('isDamage', () => {
  it('means a damaged, missing or rolled-back database, or a swapped trust, nothing else', () => {
    expect(isDamage(error('STORE_DAMAGED'))).toBe(true);
    expect(isDamage(error('STORE_MISSING'))).toBe(true);
    expect(isDamage(error('STORE_ROLLED_BACK'))).toBe(true);
    expect(isDamage(error('TRUST_TAMPERED'))).toBe(true);
    expect(isDamage(error('WORKSPACE_BUSY'))).toBe(false);
    expect(isDamage(error('STORE_TOO_NEW'))).toBe(false);
    expect(isDamage(null)).toBe(false);
  });
});

describe('suggestedBackup', () => {
  it('previews the backup main named first', () => {
    expect(suggestedBackup(backups, error('STORE_DAMAGED', { backup: 'older.db' }))).toBe(
      'older.db',
    );
  });

  it('else the newest, and nothing when there is none', () => {
    expect(suggestedBackup(backups, error('STORE_DAMAGED', { backup: 'gone.db' }))).toBe(
      'newest.db',
    );
    expect(suggestedBackup(backups, null)).toBe('newest.db');
    expect(suggestedBackup([], error('STORE_MISSING'))).toBeNull();
  });
});
