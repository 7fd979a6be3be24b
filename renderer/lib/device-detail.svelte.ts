// One site device as its page and its flows see it: loaded from main, then replaced by what each
// action answers (the site's counts are refreshed with it; the list reads its window when shown).
import type { DeviceDetailDto, ErrorDto } from '../../shared/ipc/dto.ts';
import { call } from './api.ts';
import type { SiteState } from './site-state.svelte.ts';

/** What every panel and flow of a device is given. */
export interface DeviceProps {
  device: DeviceDetailDto;
  workspaceId: string;
  onChanged: (device: DeviceDetailDto) => void;
}

export class DeviceDetail {
  device = $state<DeviceDetailDto | null>(null);
  error = $state<ErrorDto | null>(null);
  readonly #site: () => SiteState;
  readonly deviceId: string;

  constructor(site: () => SiteState, deviceId: string) {
    this.#site = site;
    this.deviceId = deviceId;
  }

  get workspaceId(): string {
    return this.#site().workspaceId;
  }

  async load(): Promise<void> {
    const result = await call('site.device', {
      workspaceId: this.workspaceId,
      deviceId: this.deviceId,
    });
    if (result.ok) {
      this.device = result.value;
      this.error = null;
    } else this.error = result.error;
  }

  changed = (next: DeviceDetailDto): void => {
    this.device = next;
    void this.#site().refresh();
  };
}
