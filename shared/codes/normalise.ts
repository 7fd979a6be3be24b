// What copy and paste does to a code, undone: full-width forms, quotes, line breaks, stray spaces.

const QUOTE_PAIRS: Array<[string, string]> = [
  ['"', '"'],
  ["'", "'"],
  ['“', '”'],
  ['‘', '’'],
  ['「', '」'],
  ['『', '』'],
  ['`', '`'],
];

/** Unicode dashes a PDF or word processor substitutes for the hyphen-minus. */
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]/g;

/**
 * Trims and strips matching surrounding quotes. For codes in ASCII alphabets it also applies NFKC
 * (full-width → ASCII) and unifies dashes; XML codes skip that, since a display name may hold
 * characters NFKC would change and the signature covers them as issued.
 */
export function unwrap(raw: string, { ascii = true } = {}): string {
  let text = ascii ? raw.normalize('NFKC').replace(DASHES, '-').trim() : raw.trim();
  for (let changed = true; changed;) {
    changed = false;
    for (const [open, close] of QUOTE_PAIRS) {
      if (text.length >= 2 && text.startsWith(open) && text.endsWith(close)) {
        text = text.slice(open.length, -close.length).trim();
        changed = true;
      }
    }
  }
  return text;
}

/** For codes whose alphabet has no spaces: every whitespace character goes. */
export function withoutWhitespace(text: string): string {
  return text.replace(/\s+/g, '');
}

/** For XML codes: line breaks a terminal or PDF inserted go; spaces inside text stay. */
export function withoutLineBreaks(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, '');
}

const XML_NAME = '[A-Za-z_][A-Za-z0-9_.:-]*';
const DECLARATION = /^<\?xml\s[^<>]*\?>\s*/;
const EMPTY_ELEMENT = new RegExp(`<(${XML_NAME})\\s*/>`, 'g');
/** What any of the three needs: a declaration, an empty element, or space after a tag. */
const LAYOUT_SIGN = />\s|\/>/;
const BETWEEN_TAGS = new RegExp(`(<(/?)(${XML_NAME})[^<>]*>)(\\s+)(?=<(/?)(${XML_NAME}))`, 'g');

/**
 * For XML codes, after withoutLineBreaks: what a pretty-printer adds, undone — an XML declaration
 * at the start, indentation between elements, `<name/>` for an empty element. A value that is only
 * spaces (`<displayName> </displayName>`) is a value and stays; so does every space inside text.
 */
export function withoutXmlLayout(text: string): string {
  // Most codes have no layout at all (every code Airlock writes): one quick scan says so.
  if (!text.startsWith('<?xml') && !LAYOUT_SIGN.test(text)) return text;
  return text
    .replace(DECLARATION, '')
    .replace(EMPTY_ELEMENT, '<$1></$1>')
    .replace(
      BETWEEN_TAGS,
      (whole, tag: string, closing: string, name: string, _space, nextClosing, nextName) =>
        closing === '' && nextClosing === '/' && nextName === name ? whole : tag,
    );
}
