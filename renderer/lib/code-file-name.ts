// The name a code gets when saved as a file: what it is, the device it belongs to by name, and
// its serial number — so two files side by side on a stick never look alike.

export type CodeFileKind = 'request' | 'authorization' | 'confirmation' | 'return';

const PREFIX: Record<CodeFileKind, string> = {
  request: 'RequestCode',
  authorization: 'AuthorizationCode',
  confirmation: 'ConfirmationCode',
  return: 'ReturnCode',
};

const safe = (text: string) =>
  text
    .replace(/[^\w.-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');

/** `RequestCode_cucm-pub-1_EDB16.txt`; the name is left out when it is the serial number. */
export function codeFileName(kind: CodeFileKind, device: string, sn: string): string {
  const name = safe(device);
  const serial = safe(sn);
  const parts = [PREFIX[kind], ...(name && !name.includes(serial) ? [name] : []), serial];
  return `${parts.filter(Boolean).join('_')}.txt`;
}

/** A saved or imported file's name without its folders (`C:\codes\a.txt`, `/tmp/a.txt` → `a.txt`). */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
