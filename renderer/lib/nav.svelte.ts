// Which screen is showing, with its parameters; screens are plain ids, not URLs.

export type ScreenId =
  | 'workspaces'
  | 'workspace.restore'
  | 'authority.dashboard'
  | 'authority.reserve'
  | 'authority.licenses'
  | 'authority.instances'
  | 'authority.instance'
  | 'authority.update'
  | 'authority.rehost'
  | 'authority.batch'
  | 'authority.events'
  | 'authority.reports'
  | 'site.devices'
  | 'site.add'
  | 'site.addList'
  | 'site.device'
  | 'site.flow'
  | 'site.batch'
  | 'site.batchDevices'
  | 'site.trust'
  | 'site.events'
  | 'transfer'
  | 'inspect';

export interface Route {
  screen: ScreenId;
  params: Record<string, string>;
}

class Nav {
  route = $state<Route>({ screen: 'workspaces', params: {} });

  go(screen: ScreenId, params: Record<string, string> = {}): void {
    this.route = { screen, params };
  }

  param(name: string): string {
    return this.route.params[name] ?? '';
  }
}

export const nav = new Nav();
