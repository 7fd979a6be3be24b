// Screenshots of every main screen in English, Japanese and Simplified Chinese, for review.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures.ts';
import { SCREENS } from './support/screens.ts';
import { seedBothSides } from './support/seed.ts';

const OUT = join(import.meta.dirname, '../../test-results/screenshots');
const LANGUAGES = ['en', 'ja', 'zh'] as const;

test('screenshots of each main screen in each language', async ({ airlock }) => {
  mkdirSync(OUT, { recursive: true });
  const seeded = await seedBothSides(airlock);
  await airlock.open();
  const { page } = airlock;
  for (const screen of SCREENS) {
    await page.locator('#language').selectOption('en');
    await screen.open(page, seeded);
    for (const language of LANGUAGES) {
      await page.locator('#language').selectOption(language);
      await expect(page.locator('html')).toHaveAttribute(
        'lang',
        language === 'zh' ? 'zh-Hans' : language,
      );
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(OUT, `${language}-${screen.name}.png`), fullPage: true });
    }
    await page.locator('#language').selectOption('en');
    await screen.close?.(page);
  }
  await page.locator('#language').selectOption('en');
});
