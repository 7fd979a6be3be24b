// Trust is deliberate (issue 13, point 10): the new-site wizard shows the desk's fingerprint in
// groups beside "compare it with the desk's screen" and asks for confirmation; the picker takes
// the trust file by its own name; another key replaces the trusted one only after both
// fingerprints were shown side by side and the operator confirmed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  AuthorityOverviewDto,
  EventDto,
  PageDto,
  SiteOverviewDto,
  WorkspaceDto,
} from '../../shared/ipc/dto.ts';
import { expect, test } from './support/fixtures.ts';
import { seedAuthority, seedSite } from './support/router.ts';
import { go, switchTo } from './support/ui.ts';

const compact = (fingerprint: string) => fingerprint.replace(/\s+/g, '');

test('the new-site wizard shows the desk’s fingerprint and asks for it to be compared', async ({
  airlock,
}) => {
  const { page } = airlock;
  const desk = await seedAuthority(airlock);
  const { fingerprint } = await airlock.invoke<AuthorityOverviewDto>('authority.overview', {
    workspaceId: desk.authority.id,
  });
  const file = join(airlock.driveDir, 'Licensing desk.airlock-trust.json');
  writeFileSync(file, desk.trust);
  await airlock.open();

  await page.getByRole('button', { name: 'New site' }).click();
  await page.locator('#ws-name').fill('Plant T');
  await page.locator('#ws-name').press('Enter');
  // The picker offers the trust file by its own name (…airlock-trust.json).
  const picker = page.locator('input[type=file]');
  await expect(picker).toHaveAttribute('accept', /\.json/);
  await picker.setInputFiles(file);
  await expect(
    page.getByText('This trust file names the authority “Licensing desk”.'),
  ).toBeVisible();
  await expect(page.getByTestId('new-site-fingerprint')).toHaveText(compact(fingerprint));
  await expect(page.getByTestId('new-site-fingerprint').locator('span')).toHaveCount(16);
  await expect(page.getByText('Compare it with the desk’s screen')).toBeVisible();

  // Not yet compared: nothing is created, and the box says what is missing.
  await page.getByRole('button', { name: 'Create workspace' }).click();
  const match = page.getByLabel('The fingerprint is the same as on the desk’s screen');
  await expect(match).toHaveAccessibleDescription(/Compare the fingerprint with the desk’s screen/);
  await expect(page.getByText('Workspace “Plant T” is ready.')).toHaveCount(0);
  const listed = await airlock.invoke<WorkspaceDto[]>('workspace.list', {});
  expect(listed.map((w) => w.name)).not.toContain('Plant T');
  await match.check();
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page.getByText('Workspace “Plant T” is ready.')).toBeVisible();
  await page.getByRole('button', { name: 'Open workspace' }).click();
  await go(page, 'Trusted authority');
  await expect(page.getByTestId('site-fingerprint')).toHaveText(compact(fingerprint));
});

test('another key is trusted only after both fingerprints were compared and it was confirmed', async ({
  airlock,
}) => {
  const { page } = airlock;
  const first = await seedAuthority(airlock);
  const second = await seedAuthority(airlock, { name: 'New desk' });
  const print = async (id: string) =>
    (await airlock.invoke<AuthorityOverviewDto>('authority.overview', { workspaceId: id }))
      .fingerprint;
  const [old, incoming] = [await print(first.authority.id), await print(second.authority.id)];
  const site = await seedSite(airlock, 'Plant R', first.trust);
  const trustOf = async () =>
    (await airlock.invoke<SiteOverviewDto>('site.overview', { workspaceId: site.id })).trust;
  const trustImports = async () =>
    (
      await airlock.invoke<PageDto<EventDto>>('workspace.events', {
        workspaceId: site.id,
        offset: 0,
        limit: 1000,
        type: 'trust-imported',
      })
    ).total;
  await airlock.open();
  await switchTo(page, 'Plant R');
  await go(page, 'Trusted authority');
  await expect(
    page.locator('#trust-text').locator('..').locator('input[type=file]'),
  ).toHaveAttribute('accept', /\.json/);

  const importIt = async () => {
    await page.locator('#trust-text').fill(second.trust);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
  };
  const trustBefore = await trustOf();
  const importsBefore = await trustImports();
  await importIt();
  const dialog = page.getByRole('dialog', { name: 'Trust another authority’s key?' });
  await expect(dialog.getByTestId('fingerprint-current')).toHaveText(compact(old));
  await expect(dialog.getByTestId('fingerprint-incoming')).toHaveText(compact(incoming));
  await expect(dialog).toContainText('Licensing desk');
  await expect(dialog).toContainText('New desk');
  await expect(dialog).toContainText('Compare it with the desk’s screen');
  // The safe answer has the focus: Enter or a slip keeps the key trusted now.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('site-fingerprint')).toHaveText(compact(old));
  // Main still trusts the same key, and the log holds no new trust import.
  expect(await trustOf()).toEqual(trustBefore);
  expect(compact((await trustOf())!.fingerprint)).toBe(compact(old));
  expect(await trustImports()).toBe(importsBefore);

  await importIt();
  await dialog.getByRole('button', { name: 'Replace the trusted key' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('The site now trusts the new key.')).toBeVisible();
  await expect(page.getByTestId('site-fingerprint')).toHaveText(compact(incoming));
  // The confirmed replacement is the one import the log gains (so the count above can tell).
  expect(await trustImports()).toBe(importsBefore + 1);
});
