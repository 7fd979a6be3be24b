// One item of a batch undone by itself: what a savepoint's body changed goes when it throws, while
// the transaction around it, and what it did before, commit.

import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { WorkspaceDb } from '../../../electron/services/db/workspace-db.ts';
import { removeTempDirs, tempDir } from '../support/temp-dirs.ts';

afterAll(removeTempDirs);

it('undoes a failed item alone and commits the rest', () => {
  const db = WorkspaceDb.create(join(tempDir('savepoint'), 'workspace.db'), () => {});
  const count = () =>
    db.sqlite.prepare("SELECT count(*) FROM counters WHERE name LIKE 't%'").pluck().get();
  const add = (name: string) =>
    db.sqlite.prepare('INSERT INTO counters (name, value) VALUES (?, 1)').run(name);
  try {
    db.write(() => {
      add('t-before');
      expect(() =>
        db.savepoint(() => {
          add('t-failed');
          throw new Error('refused');
        }),
      ).toThrow('refused');
      expect(db.savepoint(() => add('t-after').changes)).toBe(1);
    });
    const names = db.sqlite
      .prepare("SELECT name FROM counters WHERE name LIKE 't%' ORDER BY name")
      .pluck()
      .all();
    expect(names).toEqual(['t-after', 't-before']);
    expect(count()).toBe(2);
    expect(() => db.savepoint(() => undefined)).toThrow(/needs a transaction/);
  } finally {
    db.close();
  }
});
