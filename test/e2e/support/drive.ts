// The test's drive folder as the specs use it: codes are saved into it from their code blocks,
// and every save (or export) must add exactly one new file — nothing else is written there.
import { type Locator, type Page, expect } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Airlock } from './fixtures.ts';
import { codeBlock } from './ui.ts';

export class Drive {
  /** Every file seen on the drive so far. */
  readonly seen = new Set<string>();
  readonly #page: Page;
  readonly #dir: string;

  constructor({ page, driveDir }: Pick<Airlock, 'page' | 'driveDir'>) {
    this.#page = page;
    this.#dir = driveDir;
  }

  /** Save to drive on a code block (or the page's block with this label); the one new file. */
  async save(block: Locator | string): Promise<string> {
    const from = typeof block === 'string' ? codeBlock(this.#page, block) : block;
    await from.getByRole('button', { name: 'Save to drive' }).click();
    const dialog = this.#page.getByRole('dialog', { name: 'Save to drive' });
    await expect(dialog.getByRole('radio').first()).toBeChecked();
    await dialog.getByRole('button', { name: 'Write to drive' }).click();
    await expect(dialog.getByRole('status')).toContainText('read back');
    await dialog.getByRole('button', { name: 'Done' }).click();
    return this.newFile();
  }

  /** The one file written since the last look. */
  newFile(): string {
    const fresh = this.files().filter((name) => !this.seen.has(name));
    for (const name of fresh) this.seen.add(name);
    expect(fresh).toHaveLength(1);
    return fresh[0]!;
  }

  /** What is on the drive now (hidden files aside), sorted. */
  files(): string[] {
    return readdirSync(this.#dir)
      .filter((name) => !name.startsWith('.'))
      .sort();
  }

  read(file: string): string {
    return readFileSync(join(this.#dir, file), 'utf8');
  }
}
