// Characters no name, file name or label may hold: control characters (a line break makes a name
// print as two lines of a log or a file) and the marks that reorder text (`txt.exe` shown as
// `exe.txt`, a name shown backwards).

function unshowable(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** Whether `text` holds a C0 or C1 control character or a direction mark or override. */
export function hasUnshowableCharacter(text: string): boolean {
  for (const char of text) if (unshowable(char.codePointAt(0) ?? 0)) return true;
  return false;
}
