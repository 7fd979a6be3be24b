// A desk whose audit log was cut short by someone with the file (the newest entries deleted, the
// marker beside the database rewritten to match): every change is refused and the refusal leads
// to the audit check, which says what was found, where, and against which signed checkpoint.
// Repair asks for an explicit "it was examined", then for the key's passphrase (it is locked after
// the restart), records the finding and signs the log as it is: the check is ok, changes go on.
import type { AuditVerifyDto } from '../../shared/ipc/dto.ts';
import { changeRecords, cutAuditLog } from './support/damage.ts';
import { expect, test } from './support/fixtures.ts';
import { lookAt } from './support/operator.ts';
import { seedAuthority } from './support/router.ts';
import { PASSPHRASE, go, switchTo } from './support/ui.ts';

/** A fingerprint as the window groups it (`AB12 CD34 …`). */
const groups = (fingerprint: string) =>
  fingerprint
    .replace(/[\s:-]/g, '')
    .toUpperCase()
    .match(/.{1,4}/g)!
    .join(' ');

test('a desk’s log cut short: refused, found, repaired after confirming, and changes go on', async ({
  airlock,
}) => {
  const { page } = airlock;
  const desk = await seedAuthority(airlock);
  const workspaceId = desk.authority.id;
  const intact = await airlock.invoke<AuditVerifyDto>('workspace.verifyAudit', { workspaceId });
  expect(intact.ok).toBe(true);
  const signed = intact.checkpoint!;
  const { after } = await cutAuditLog(airlock, workspaceId, 2);
  expect(signed.seq).toBe(after + 2);

  // Shown, the desk says at once that changes are stopped, and why (before anything is tried).
  await airlock.open();
  await switchTo(page, 'Licensing desk');
  const banner = page.getByRole('alert', { name: 'Changes to this workspace are stopped' });
  await expect(banner).toContainText(
    `The audit log no longer matches its newest signed checkpoint (entry ${signed.seq}:`,
  );
  await expect(banner).toContainText('AUDIT_LOG_DAMAGED');
  await lookAt(page, 'audit-log-banner');

  // Any change is refused, in words, with a way to the audit check.
  await page.locator('#va-new').fill('SPARE');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const refusal = page.getByRole('region', { name: 'Virtual accounts' }).getByRole('alert');
  await expect(refusal).toContainText(
    `The audit log no longer matches its newest signed checkpoint (entry ${signed.seq}: the entry the checkpoint signed is gone or changed). Nothing was changed.`,
  );
  await expect(refusal).toContainText('AUDIT_LOG_DAMAGED');
  await lookAt(page, 'audit-log-refusal');
  await refusal.getByRole('button', { name: 'Check the audit log' }).click();

  // The check: what was found, where, and the checkpoint it was measured against.
  await expect(page.getByRole('heading', { name: 'Workspaces', level: 1 })).toBeVisible();
  const check = page.getByRole('region', { name: 'Audit log of “Licensing desk”' });
  await expect(check.getByRole('status')).toHaveText(
    'The audit log is damaged: it no longer matches what was recorded and signed. Keep this computer as it is and report it.',
  );
  await expect(check.getByTestId('audit-finding')).toContainText(
    'The entry the newest signed checkpoint vouches for is gone or different: entries were removed or rewritten after it was signed.',
  );
  await expect(check.getByTestId('audit-finding')).toContainText(
    `Found at entry ${signed.seq}; the ${after} entries before it are intact.`,
  );
  await expect(check.getByTestId('audit-facts')).toContainText(
    `Newest signed checkpoint: entry ${signed.seq}, signed `,
  );
  await expect(check.getByTestId('audit-facts')).toContainText(
    `with key ${groups(signed.keyFingerprint)}.`,
  );
  await lookAt(page, 'audit-log-damaged');

  // Repair says what it does; the focus starts on Cancel, and nothing is done before confirming.
  await check.getByRole('button', { name: 'Repair…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Repair the audit log?' });
  await expect(dialog).toContainText('a new checkpoint is signed over the log as it stands');
  await expect(dialog).toContainText('Nothing that was removed or changed comes back.');
  await expect(dialog).toContainText('Do it only after the log has been examined');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  const repair = dialog.getByRole('button', { name: 'Repair', exact: true });
  await expect(repair).toBeDisabled();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  expect(
    (await airlock.invoke<AuditVerifyDto>('workspace.verifyAudit', { workspaceId })).ok,
    'Enter on Cancel repaired nothing',
  ).toBe(false);

  // Confirmed: the key is locked since the restart, so the dialog asks for its passphrase.
  await check.getByRole('button', { name: 'Repair…' }).click();
  await lookAt(page, 'audit-repair-dialog');
  await dialog.getByRole('checkbox', { name: /^The log has been examined/ }).check();
  await repair.click();
  await expect(dialog.getByRole('alert')).toContainText(
    "The key that signs this workspace's audit log is locked",
  );
  await expect(dialog.getByRole('alert')).toContainText('AUDIT_KEY_LOCKED');
  await expect(dialog).toContainText('Enter its passphrase to unlock it');
  await lookAt(page, 'audit-repair-locked');
  const unlockAndRepair = dialog.getByRole('button', { name: 'Unlock and repair' });
  await expect(unlockAndRepair).toBeDisabled();
  await dialog.getByLabel('Passphrase').fill(PASSPHRASE);
  await unlockAndRepair.click();
  await expect(dialog).toBeHidden();

  // The new verdict: intact, the finding recorded as one more entry under a new checkpoint.
  await expect(check.getByRole('status')).toHaveText(
    `The audit log is intact: ${after + 1} entries, none altered.`,
  );
  await expect(check.getByTestId('audit-facts')).toContainText(
    `Newest signed checkpoint: entry ${after + 1}, signed `,
  );
  await expect(
    page.getByText('Repaired: the finding is in the log and a new checkpoint was signed.'),
  ).toBeVisible();
  await expect(check.getByRole('button', { name: 'Repair…' })).toHaveCount(0);
  await expect(banner).toHaveCount(0);

  // And changes go on: the virtual account is added.
  await go(page, 'Dashboard');
  await page.locator('#va-new').fill('SPARE');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByText('Virtual account “SPARE” added.')).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Virtual accounts' }).getByRole('button', { name: 'SPARE' }),
  ).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Virtual accounts' }).getByRole('alert'),
  ).toHaveCount(0);
});

test('a license pool raised in the database file: refused, the table named, accepted by a repair', async ({
  airlock,
}) => {
  const { page } = airlock;
  const desk = await seedAuthority(airlock);
  const workspaceId = desk.authority.id;
  await changeRecords(
    airlock,
    workspaceId,
    ['licenses_record_update'],
    `UPDATE licenses SET entry = json_set(entry, '$.purchased', 500)`,
  );

  await airlock.open();
  await switchTo(page, 'Licensing desk');
  // The banner names the table before anything is tried, and leads to the check too.
  const banner = page.getByRole('alert', { name: 'Changes to this workspace are stopped' });
  await expect(banner).toContainText('Records in “license pools” were changed outside Airlock');
  await page.locator('#va-new').fill('SPARE');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const refusal = page.getByRole('region', { name: 'Virtual accounts' }).getByRole('alert');
  await expect(refusal).toContainText(
    "Records in “license pools” were changed outside Airlock: they no longer match what this workspace's log recorded and signed. Nothing was changed.",
  );
  await refusal.getByRole('button', { name: 'Check the audit log' }).click();

  const check = page.getByRole('region', { name: 'Audit log of “Licensing desk”' });
  await expect(check.getByTestId('audit-finding')).toContainText(
    'Records were changed outside Airlock: they no longer add up to what the log recorded and signed.',
  );
  await expect(check.getByTestId('audit-finding')).toContainText('Changed: license pools.');
  await lookAt(page, 'audit-records-changed');

  await check.getByRole('button', { name: 'Repair…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Repair the audit log?' });
  await expect(dialog).toContainText("Repair accepts the log, and the workspace's records");
  await dialog.getByRole('checkbox', { name: /^The log has been examined/ }).check();
  await dialog.getByRole('button', { name: 'Repair', exact: true }).click();
  await dialog.getByLabel('Passphrase').fill(PASSPHRASE);
  await dialog.getByRole('button', { name: 'Unlock and repair' }).click();
  await expect(dialog).toBeHidden();
  await expect(check.getByRole('status')).toHaveText(/^The audit log is intact: \d+ entries/);
  await expect(banner).toHaveCount(0);

  // The finding is in the log, with the table; and changes go on.
  const events = await airlock.invoke<{ rows: Array<{ type: string; details: unknown }> }>(
    'workspace.events',
    { workspaceId, offset: 0, limit: 1 },
  );
  expect(events.rows[0]).toMatchObject({
    type: 'audit-log-repaired',
    details: { reason: 'records-changed', tables: ['licenses'] },
  });
  await go(page, 'Dashboard');
  await page.locator('#va-new').fill('SPARE');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByText('Virtual account “SPARE” added.')).toBeVisible();
});

test('an intact log checked from the workspace’s menu: intact, counted, nothing to repair', async ({
  airlock,
}) => {
  const { page } = airlock;
  await airlock.invoke('workspace.create', { kind: 'site', name: 'Plant V' });
  await airlock.open();
  await page.getByRole('button', { name: 'More actions for Plant V' }).click();
  await page.getByRole('menuitem', { name: 'Verify audit log' }).click();
  const check = page.getByRole('region', { name: 'Audit log of “Plant V”' });
  await expect(check.getByRole('status')).toHaveText(
    /^The audit log is intact: \d+ entries, none altered\.$/,
  );
  await expect(check.getByTestId('audit-facts')).toContainText('Newest signed checkpoint: entry');
  await expect(check.getByRole('button', { name: 'Repair…' })).toHaveCount(0);
  await check.getByRole('button', { name: 'Close' }).click();
  await expect(check).toBeHidden();
});
