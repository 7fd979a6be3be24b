// One authorization code issued by the authority (reserve, update, rehost): busy while main signs
// it, main's error, or the result to show; every screen of the authority is refreshed after it.
import type { IpcResult } from '../../shared/ipc/contract.ts';
import type { ErrorDto, ReservationResultDto } from '../../shared/ipc/dto.ts';
import type { AuthorityState } from './authority-state.svelte.ts';

export class Issuance {
  busy = $state(false);
  error = $state<ErrorDto | null>(null);
  result = $state<ReservationResultDto | null>(null);
  readonly #authority: () => AuthorityState;

  constructor(authority: () => AuthorityState) {
    this.#authority = authority;
  }

  /** Sends the request once (a second press while it runs is ignored); true when issued. */
  async run(request: () => Promise<IpcResult<ReservationResultDto>>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    const answer = await request();
    this.busy = false;
    if (!answer.ok) {
      this.error = answer.error;
      return false;
    }
    this.error = null;
    this.result = answer.value;
    void this.#authority().changed();
    return true;
  }
}
