// Checks a request code with main once it looks complete or the operator leaves the field (a
// moment after, so a paste and a blur check once), keeping only the latest answer.
import type { ErrorDto, RequestPreviewDto } from '../../shared/ipc/dto.ts';
import { call } from './api.ts';

export class RequestPreviewer {
  code = $state('');
  preview = $state<RequestPreviewDto | null>(null);
  error = $state<ErrorDto | null>(null);
  checking = $state(false);
  #checkedCode = '';
  #sequence = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly workspaceId: () => string,
    private readonly va: () => string,
    private readonly delayMs = 150,
  ) {}

  /** New text from the operator: the old answer no longer applies (nothing is checked yet). */
  set(code: string): void {
    if (code === this.code) return;
    this.code = code;
    this.preview = null;
    this.error = null;
    clearTimeout(this.#timer);
  }

  /** The code looks complete, or the operator left the field: check it in a moment. */
  soon(): void {
    clearTimeout(this.#timer);
    if (this.code.trim() !== '') this.#timer = setTimeout(() => void this.check(), this.delayMs);
  }

  /** Checks now (or reuses the answer for this exact text); true when the code is good. */
  async check(): Promise<boolean> {
    clearTimeout(this.#timer);
    const code = this.code.trim();
    if (code === '') return false;
    if (code === this.#checkedCode && (this.preview || this.error)) return this.preview !== null;
    const sequence = ++this.#sequence;
    this.checking = true;
    const result = await call('authority.previewRequest', {
      workspaceId: this.workspaceId(),
      va: this.va(),
      requestCode: code,
    });
    if (sequence !== this.#sequence) return false;
    this.checking = false;
    this.#checkedCode = code;
    this.preview = result.ok ? result.value : null;
    this.error = result.ok ? null : result.error;
    return result.ok;
  }
}
