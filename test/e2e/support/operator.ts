// What the operator sees, measured: whether a cell's text is cut (shown with "…" or clipped), how
// a paste arrives in a field, and the languages every journey is looked at in.
import AxeBuilder from '@axe-core/playwright';
import { type Locator, type Page, expect } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const LANGUAGES = ['en', 'ja', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Switches the interface language and waits until the page says it. */
export async function speak(page: Page, language: Language): Promise<void> {
  await page.locator('#language').selectOption(language);
  await expect(page.locator('html')).toHaveAttribute(
    'lang',
    language === 'zh' ? 'zh-Hans' : language,
  );
}

const SHOTS = join(import.meta.dirname, '../../../test-results/screenshots');

/** The screen as it stands, in each language: screenshot for review, and no serious axe finding. */
export async function lookAt(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  for (const language of LANGUAGES) {
    await speak(page, language);
    await page.screenshot({ path: join(SHOTS, `${language}-${name}.png`), fullPage: true });
    const { violations } = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${name} in ${language}: ${v.id}`)).toEqual([]);
  }
  await speak(page, 'en');
}

/**
 * Whether anything inside the element is cut off: the element or any descendant wider (or taller)
 * than the box it is shown in — what the eye sees as "…" or a clipped word.
 */
export async function isCut(cell: Locator): Promise<boolean> {
  return cell.evaluate((root) => {
    const all = [root, ...root.querySelectorAll('*')];
    return all.some(
      (el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1,
    );
  });
}

/** Text arriving at once, as a paste does (the field sees an `insertFromPaste` input). */
export async function pasteInto(field: Locator, text: string): Promise<void> {
  await field.evaluate((el, value) => {
    const input = el as HTMLInputElement | HTMLTextAreaElement;
    input.focus();
    const proto = Object.getPrototypeOf(input) as object;
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(input, value);
    input.dispatchEvent(
      new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste', data: value }),
    );
  }, text);
}

/**
 * Headers cut or broken: a header wider than its column, and any word of a header (a word, or a
 * Japanese / Chinese term with no space in it) that does not sit on one line.
 */
export async function brokenHeaders(table: Locator): Promise<string[]> {
  return table.locator('thead th').evaluateAll((headers) => {
    const broken: string[] = [];
    for (const th of headers) {
      if (th.scrollWidth > th.clientWidth + 1) broken.push(`too wide: ${th.textContent?.trim()}`);
      const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const word of (node.textContent ?? '').split(/\s+/).filter((w) => w.length > 1)) {
          const at = node.textContent!.indexOf(word);
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + word.length);
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (lines.size > 1) broken.push(word);
        }
      }
    }
    return broken;
  });
}
