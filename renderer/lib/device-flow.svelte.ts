// One guided device flow as it runs: its step, what the device printed, the code to carry away,
// busy and the error. Every call goes through here, so a flow is only its steps and its calls.
import type { DeviceActionResultDto, DeviceDetailDto, ErrorDto } from '../../shared/ipc/dto.ts';
import { call } from './api.ts';
import { type Action, runAction } from './device-action.ts';
import type { DeviceProps } from './device-detail.svelte.ts';
import { type PrintedKind, printedCodes } from './printed-codes.ts';

/** The code a flow ends with; `outboxItemId` undefined: "Save to drive" looks it up by the code. */
export interface CarriedCode {
  kind: PrintedKind;
  code: string;
  outboxItemId?: string | null;
}

/** What the operator did or pasted on an external device, for its ledger. */
export type ExternalEntry =
  { kind: 'cancel' | 'installed' } | { kind: 'authorization' | PrintedKind; code: string };

type Outcome<T> = { ok: true; value: T } | { ok: false; error: ErrorDto };

/** Where a device keeps the latest code of each kind it printed (as recorded, normalised). */
const LATEST = {
  request: 'pendingRequestCode',
  confirmation: 'lastConfirmationCode',
  return: 'lastReturnCode',
} as const;

export class DeviceFlowState {
  step = $state(0);
  output = $state('');
  busy = $state(false);
  error = $state<ErrorDto | null>(null);
  carried = $state<CarriedCode | null>(null);
  readonly #props: () => DeviceProps;

  constructor(props: () => DeviceProps) {
    this.#props = props;
  }

  get device(): DeviceDetailDto {
    return this.#props().device;
  }

  get workspaceId(): string {
    return this.#props().workspaceId;
  }

  get external(): boolean {
    return this.device.kind === 'external';
  }

  /** Any call to main: busy while it runs; its error shown, or cleared and its value returned. */
  async run<T>(work: () => Promise<Outcome<T>>): Promise<T | null> {
    this.busy = true;
    const result = await work();
    this.busy = false;
    if (!result.ok) {
      this.error = result.error;
      return null;
    }
    this.error = null;
    return result.value;
  }

  /** The emulated device runs an action: its output is shown, a code it printed is carried. */
  async act(action: Action, code?: string): Promise<DeviceActionResultDto | null> {
    const result = await this.run(() => runAction(this.workspaceId, this.device.id, action, code));
    if (!result) return null;
    this.output = result.output;
    const printed = printedCodes(result)[0];
    if (printed) this.carried = printed;
    this.#props().onChanged(result.device);
    return result;
  }

  /** Records what was done on an external device; a code pasted from it is the one carried. */
  async record(entry: ExternalEntry): Promise<DeviceDetailDto | null> {
    const device = await this.run(() =>
      call('site.recordExternal', {
        workspaceId: this.workspaceId,
        deviceId: this.device.id,
        ...entry,
      }),
    );
    if (!device) return null;
    if ('code' in entry && entry.kind !== 'authorization') {
      this.carried = { kind: entry.kind, code: device[LATEST[entry.kind]] ?? entry.code };
    }
    this.#props().onChanged(device);
    return device;
  }
}
