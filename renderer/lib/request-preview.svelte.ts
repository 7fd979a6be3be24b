// Checks a request code with main as the operator types (debounced), keeping only the latest answer.
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
    private readonly delayMs = 400,
  ) {}

  /** New text from the operator: the old answer no longer applies; check again shortly. */
  set(code: string): void {
    this.code = code;
    this.preview = null;
    this.error = null;
    clearTimeout(this.#timer);
    if (code.trim() !== '') this.#timer = setTimeout(() => void this.check(), this.delayMs);
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
