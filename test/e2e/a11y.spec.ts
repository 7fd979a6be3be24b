// Every main screen passes axe-core with no serious or critical violations.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './support/fixtures.ts';
import { SCREENS } from './support/screens.ts';
import { seedBothSides } from './support/seed.ts';

test('no serious or critical accessibility violations on the main screens', async ({ airlock }) => {
  const seeded = await seedBothSides(airlock);
  await airlock.open();
  const found: string[] = [];
  for (const screen of SCREENS) {
    await screen.open(airlock.page, seeded);
    const { violations } = await new AxeBuilder({ page: airlock.page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    for (const v of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
      found.push(
        `${screen.name}: ${v.id} (${v.impact}) ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
      );
    }
    await screen.close?.(airlock.page);
  }
  expect(found).toEqual([]);
});

test('keyboard: a wizard keeps what was typed; menus and dialogs work with the keys', async ({
  airlock,
}) => {
  const { page } = airlock;
  await page.getByRole('button', { name: 'New authority' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#ws-name')).toBeFocused();
  await page.locator('#ws-name').fill('Desk');
  await page.keyboard.press('Enter');
  await expect(page.locator('#ws-pass')).toBeVisible();
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.locator('#ws-name')).toHaveValue('Desk');
  await page.getByRole('button', { name: 'Cancel' }).click();

  await airlock.invoke('workspace.create', { kind: 'site', name: 'Lab' });
  await airlock.open();
  await page.getByRole('button', { name: 'More actions for Lab' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'Rename' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Verify audit log' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Rename workspace' });
  await expect(dialog.locator('#rename-name')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
