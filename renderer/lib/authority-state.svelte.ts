// One authority workspace as the screens see it: overview, chosen virtual account, pool, instances.
import type {
  AuthorityOverviewDto,
  ErrorDto,
  InstanceDto,
  LicenseRowDto,
} from '../../shared/ipc/dto.ts';
import { call } from './api.ts';

export class AuthorityState {
  readonly workspaceId: string;
  overview = $state<AuthorityOverviewDto | null>(null);
  va = $state('');
  licenses = $state.raw<LicenseRowDto[]>([]);
  /** Raw (not deeply reactive): the list may hold 10,000 instances and is replaced, not edited. */
  instances = $state.raw<InstanceDto[]>([]);
  error = $state<ErrorDto | null>(null);
  loading = $state(false);

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
      await Promise.all([this.refreshLicenses(), this.refreshInstances()]);
    } else {
      this.error = result.error;
    }
    this.loading = false;
  }

  async refreshOverview(): Promise<void> {
    const result = await call('authority.overview', { workspaceId: this.workspaceId });
    if (result.ok) this.apply(result.value);
    else this.error = result.error;
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

  async refreshInstances(): Promise<void> {
    const request = this.va
      ? { workspaceId: this.workspaceId, va: this.va }
      : { workspaceId: this.workspaceId };
    const result = await call('authority.instances', request);
    if (result.ok) this.instances = result.value;
    else this.error = result.error;
  }

  async selectVa(va: string): Promise<void> {
    this.va = va;
    await Promise.all([this.refreshLicenses(), this.refreshInstances()]);
  }

  /** After any change at the authority: everything the screens show may have moved. */
  async changed(): Promise<void> {
    await Promise.all([this.refreshOverview(), this.refreshLicenses(), this.refreshInstances()]);
  }
}
