// Entering codes by hand (issue 13, point 7): nothing is said while a code is half-typed; it is
// checked once complete or when the operator leaves the field; the character a check names is
// marked in place; a console block pasted whole gives up the code it holds.
import { expect, test } from './support/fixtures.ts';
import { pasteInto } from './support/operator.ts';
import {
  deviceConsole,
  requestCodeOf,
  reserveSlr,
  seedAuthority,
  seedDevice,
  seedSite,
  tagOf,
} from './support/router.ts';
import { go, instanceRow, switchTo } from './support/ui.ts';

test('a request code typed by hand: checked when complete or on leaving, the typo marked', async ({
  airlock,
}) => {
  const { page } = airlock;
  const desk = await seedAuthority(airlock);
  const site = await seedSite(airlock, 'Plant C', desk.trust);
  const device = await seedDevice(airlock, site, {
    name: 'cucm-c',
    product: 'ucm',
    pid: 'UCM',
    sn: 'CODE01',
    uuid: '8e1b2a4c9f0d4e3b8a7c6d5e4f3a2b1c',
  });
  const code = await requestCodeOf(airlock, site, device.id);
  await airlock.open();
  await switchTo(page, 'Licensing desk');
  await go(page, 'Smart License Reservation');
  const field = page.locator('#request-code');

  // Half-typed: no error while typing, whatever the pause.
  await field.pressSequentially(code.slice(0, 11));
  await page.waitForTimeout(800);
  await expect(page.locator('#request-code-error')).toHaveCount(0);
  // Leaving the field checks it.
  await field.press('Tab');
  await expect(page.locator('#request-code-error')).toBeVisible();

  // Complete with one mistyped character: the check names it, and it is marked in place.
  const at = code.indexOf('CODE01') + 1;
  const typo = `${code.slice(0, at)}Q${code.slice(at + 1)}`;
  await field.fill('');
  await expect(page.locator('#request-code-error')).toHaveCount(0);
  await field.pressSequentially(typo);
  const suspect = page.getByTestId('request-code-suspect');
  await expect(suspect.locator('mark')).toHaveText('Q');
  await expect(field).toHaveAttribute('aria-describedby', /request-code-suspect/);
  await suspect.getByRole('button', { name: 'Select it in the field' }).click();
  await expect
    .poll(() => field.evaluate((el: HTMLTextAreaElement) => [el.selectionStart, el.selectionEnd]))
    .toEqual([at, at + 1]);

  // The console block pasted whole: the code is taken out of it and checked.
  await field.fill('');
  await pasteInto(
    field,
    [
      'admin:license smart reservation request',
      'Enter the following request code into the CSSM:',
      code,
      'admin:',
    ].join('\n'),
  );
  await expect(field).toHaveValue(code);
  await expect(page.getByTestId('request-code-found')).toContainText(
    'The Request code was taken out of what you pasted.',
  );
  await expect(page.getByTestId('request-preview')).toContainText('CODE01');
});

test('a confirmation code typed by hand: eight characters, the wrong one marked', async ({
  airlock,
}) => {
  const { page } = airlock;
  const desk = await seedAuthority(airlock);
  const site = await seedSite(airlock, 'Plant D', desk.trust);
  const device = await seedDevice(airlock, site, {
    name: 'cucm-d',
    product: 'ucm',
    pid: 'UCM',
    sn: 'CONF01',
    uuid: '9e1b2a4c9f0d4e3b8a7c6d5e4f3a2b1c',
  });
  const issued = await reserveSlr(airlock, desk, await requestCodeOf(airlock, site, device.id), {
    [tagOf(desk, 'UC Manager Basic License (12.x)')]: 1,
  });
  const printed = await deviceConsole(
    airlock,
    site,
    device.id,
  )('install', issued.authorizationCode);
  const confirmation = printed.confirmationCode!;

  await airlock.open();
  await switchTo(page, 'Licensing desk');
  await go(page, 'Product instances');
  await instanceRow(page, 'CONF01')
    .getByRole('button', { name: /^Actions for/ })
    .click();
  await page.getByRole('menuitem', { name: 'Enter Confirmation Code' }).click();
  const dialog = page.getByRole('dialog', { name: 'Enter Confirmation Code' });
  const field = dialog.locator('#confirm-code');

  await field.pressSequentially(confirmation.slice(0, 5));
  await page.waitForTimeout(500);
  await expect(dialog.locator('#confirm-code-error')).toHaveCount(0);
  // A character that is not hexadecimal, as the eighth: marked where it was typed.
  await field.pressSequentially(`${confirmation.slice(5, 7)}x`);
  await expect(dialog.getByTestId('confirm-code-suspect').locator('mark')).toHaveText('x');
  await expect(dialog.locator('#confirm-code-error')).toContainText('Character 8');

  // Fixed: the problem goes, the code is confirmed.
  await field.fill(confirmation);
  await expect(dialog.locator('#confirm-code-error')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog).toBeHidden();
  await expect(instanceRow(page, 'CONF01').getByTestId('instance-state')).toHaveText('Reserved');
});
