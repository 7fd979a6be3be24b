// One site workspace as the screens see it: trust, how many devices and what they wait for. The
// devices themselves are read a window at a time by the screens that list them; `revision` tells
// them when to read their window again.
import type { ErrorDto, SiteOverviewDto } from '../../shared/ipc/dto.ts';
import { call } from './api.ts';

export class SiteState {
  readonly workspaceId: string;
  overview = $state.raw<SiteOverviewDto | null>(null);
  error = $state<ErrorDto | null>(null);
  loading = $state(false);
  /** Counts changes (made here or by another process): tables reload the rows in view. */
  revision = $state(0);

  constructor(workspaceId: string) {
    this.workspaceId = workspaceId;
  }

  get deviceCount(): number {
    return this.overview?.deviceCount ?? 0;
  }

  /** Devices by what they wait for (a stable key main gives). */
  get counts(): Record<string, number> {
    return this.overview?.counts ?? {};
  }

  apply(overview: SiteOverviewDto): void {
    this.overview = overview;
  }

  /** The overview again: the trust, the device count and the counts by what devices wait for. */
  async refresh(): Promise<void> {
    this.loading = true;
    const result = await call('site.overview', { workspaceId: this.workspaceId });
    if (result.ok) {
      this.error = null;
      this.overview = result.value;
    } else {
      this.error = result.error;
    }
    this.loading = false;
  }

  /** After a change (here or by another process): the counts and the rows in view. */
  async changed(): Promise<void> {
    this.revision++;
    await this.refresh();
  }
}
