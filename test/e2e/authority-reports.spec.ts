// At the authority: a TERM license added by hand raises the "ending within 30 days" alert on the
// dashboard; CSV reports and the trust file go to the drive as files main writes atomically, never
// over another file, and reads back. The system's folder dialog is only ever an extra way.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures.ts';
import { seedAuthority } from './support/router.ts';
import { go, switchTo } from './support/ui.ts';

const DAY = 24 * 60 * 60 * 1000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const TERM_TAG = 'regid.2021-08.com.cisco.UCM_TermPilot,14.0_2a5c0e4e-6b1f-4e0a-9d2b-1c3f4e5a6b7c';

test('a TERM license ending soon is an alert; CSV and trust file are written to the drive', async ({
  airlock,
}) => {
  const { page, driveDir } = airlock;
  await seedAuthority(airlock);
  await airlock.open();
  await switchTo(page, 'Licensing desk');

  // Add a TERM license (with its dates) that ends in ten days.
  const start = isoDay(Date.now() - 60 * DAY);
  const end = isoDay(Date.now() + 10 * DAY);
  await go(page, 'Licenses');
  await page.getByRole('button', { name: 'Add license' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add license to DEFAULT' });
  await dialog.locator('#lic-tag').fill(TERM_TAG);
  await dialog.locator('#lic-name').fill('UCM Term Pilot');
  await dialog.locator('#lic-type').selectOption('TERM');
  await dialog.locator('#lic-count').fill('25');
  await dialog.locator('#lic-start').fill(start);
  await dialog.locator('#lic-end').fill(end);
  await dialog.getByRole('button', { name: 'Add license' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId('licenses-table').locator('tr', { hasText: 'UCM Term Pilot' });
  await expect(row).toContainText('TERM');
  await expect(row).toContainText(end);

  await go(page, 'Dashboard');
  const alerts = page.getByRole('region', { name: 'Alerts' });
  await expect(alerts).toContainText(
    new RegExp(`UCM Term Pilot in DEFAULT ends on ${end} \\((10|11) days\\)\\.`),
  );
  await expect(alerts.locator('li', { hasText: 'UCM Term Pilot' })).toContainText('Minor');

  // The licenses report, to the drive; the folder dialog is not there, so it hides itself.
  await go(page, 'Reports & trust file');
  const licensesRow = page
    .getByRole('region', { name: 'CSV reports' })
    .locator('li', { hasText: 'Licenses' });
  await licensesRow.getByRole('button', { name: 'Save to drive' }).click();
  const save = page.getByRole('dialog', { name: 'Save Licenses to drive' });
  await save.getByRole('button', { name: 'Choose a folder…' }).click();
  await expect(save.getByRole('alert')).toContainText('File dialogs are not available here.');
  await expect(save.getByRole('button', { name: 'Choose a folder…' })).toHaveCount(0);
  await expect(save.getByRole('button', { name: 'Save elsewhere…' })).toHaveCount(0);
  await expect(save.getByRole('radio').first()).toBeChecked();
  await save.getByRole('button', { name: 'Write to drive' }).click();
  await expect(save.getByRole('status')).toContainText('read back');
  await save.getByRole('button', { name: 'Done' }).click();

  // Again: a second file beside the first, never over it; both hold the same report.
  await licensesRow.getByRole('button', { name: 'Save to drive' }).click();
  await save.getByRole('button', { name: 'Write to drive' }).click();
  await expect(save.getByRole('status')).toContainText('read back');
  await save.getByRole('button', { name: 'Done' }).click();
  const csvFiles = readdirSync(driveDir).filter((name) => name.endsWith('.csv'));
  expect(csvFiles).toHaveLength(2);
  for (const name of csvFiles) {
    const csv = readFileSync(join(driveDir, name), 'utf8');
    const [header, ...lines] = csv.trim().split(/\r?\n/);
    expect(header).toMatch(/tag/i);
    const term = lines.find((line) => line.includes(TERM_TAG));
    expect(term).toContain('UCM Term Pilot');
    expect(term).toContain('TERM');
    expect(term).toContain(end);
    expect(lines.filter((line) => line.includes('UC Manager')).length).toBeGreaterThan(3);
  }

  // The trust file, as a plain file on the drive: exactly what sites import.
  await page.getByRole('button', { name: 'Show trust file' }).click();
  const trust = (await page.getByTestId('code-value').textContent())!;
  await page
    .locator('.code-block', { hasText: 'Trust file' })
    .getByRole('button', { name: 'Save to drive' })
    .click();
  const saveTrust = page.getByRole('dialog', { name: 'Save to drive' });
  await saveTrust.getByRole('button', { name: 'Write to drive' }).click();
  await expect(saveTrust.getByRole('status')).toContainText('read back');
  await saveTrust.getByRole('button', { name: 'Done' }).click();
  const trustFiles = readdirSync(driveDir).filter((name) => !name.endsWith('.csv'));
  expect(trustFiles).toHaveLength(1);
  expect(readFileSync(join(driveDir, trustFiles[0]!), 'utf8')).toBe(trust);
});
