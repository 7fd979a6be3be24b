// One authority workspace as the screens see it: overview, chosen virtual account and its pool.
// Long lists (instances, events, transfer items) are read a window at a time by the screens that
// show them; `revision` tells them when to read their window again.
import type { AuthorityOverviewDto, ErrorDto, LicenseRowDto } from '../../shared/ipc/dto.ts';
import { call } from './api.ts';

export class AuthorityState {
  readonly workspaceId: string;
  overview = $state<AuthorityOverviewDto | null>(null);
  va = $state('');
  licenses = $state.raw<LicenseRowDto[]>([]);
  error = $state<ErrorDto | null>(null);
  loading = $state(false);
  /** Counts changes (made here or by another process): tables reload the rows in view. */
  revision = $state(0);

  constructor(workspaceId: string) {
    this.workspaceId = workspaceId;
  }

  get unlocked(): boolean {
    return this.overview?.keyUnlocked ?? false;
  }

  /** Takes an overview main sent back (unlock, toggle, new VA) without another round trip. */
  apply(overview: AuthorityOverviewDto): void {
    this.overview = overview;
    if (!overview.virtualAccounts.includes(this.va)) this.va = overview.virtualAccounts[0] ?? '';
  }

  /** Takes the pool main sent back (a license added, a catalog loaded); the totals move too. */
  takeLicenses(licenses: LicenseRowDto[]): void {
    this.licenses = licenses;
    void this.refreshOverview();
  }

  async refresh(): Promise<void> {
    this.loading = true;
    const result = await call('authority.overview', { workspaceId: this.workspaceId });
    if (result.ok) {
      this.error = null;
      this.apply(result.value);
      await this.refreshLicenses();
    } else {
      this.error = result.error;
    }
    this.loading = false;
  }

  async refreshOverview(): Promise<void> {
    const result = await call('authority.overview', { workspaceId: this.workspaceId });
    if (result.ok) {
      this.error = null;
      this.apply(result.value);
    } else this.error = result.error;
  }

  async refreshLicenses(): Promise<void> {
    if (!this.va) {
      this.licenses = [];
      return;
    }
    const result = await call('authority.licenses', { workspaceId: this.workspaceId, va: this.va });
    if (result.ok) this.licenses = result.value;
    else this.error = result.error;
  }

  async selectVa(va: string): Promise<void> {
    this.va = va;
    await this.refreshLicenses();
  }

  /**
   * After any change at the authority: the counts, the pool and the rows in view may have moved
   * (never the whole lists).
   */
  async changed(): Promise<void> {
    this.revision++;
    await Promise.all([this.refreshOverview(), this.refreshLicenses()]);
  }
}
