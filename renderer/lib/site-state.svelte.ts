// One site workspace as the screens see it: trust, devices and their counts.
import type { ErrorDto, SiteOverviewDto } from '../../shared/ipc/dto.ts';
import { call } from './api.ts';

export class SiteState {
  readonly workspaceId: string;
  overview = $state.raw<SiteOverviewDto | null>(null);
  error = $state<ErrorDto | null>(null);
  loading = $state(false);

  constructor(workspaceId: string) {
    this.workspaceId = workspaceId;
  }

  get devices(): SiteOverviewDto['devices'] {
    return this.overview?.devices ?? [];
  }

  apply(overview: SiteOverviewDto): void {
    this.overview = overview;
  }

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
}
