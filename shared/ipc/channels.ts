// The channel names alone, so the preload can build its methods without bundling the schemas.

export const CHANNEL_NAMES = [
  'app.info',
  'app.setLanguage',
  'clipboard.writeText',
  'workspace.list',
  'workspace.create',
  'workspace.rename',
  'workspace.delete',
  'workspace.verifyAudit',
  'workspace.events',
  'workspace.backups',
  'workspace.backup',
  'workspace.restore',
  'workspace.check',
  'authority.overview',
  'authority.unlock',
  'authority.lock',
  'authority.setReservationEnabled',
  'authority.addVirtualAccount',
  'authority.addLicense',
  'authority.loadCatalog',
  'authority.licenses',
  'authority.previewRequest',
  'authority.reserve',
  'authority.reserveBatch',
  'authority.update',
  'authority.confirm',
  'authority.remove',
  'authority.transfer',
  'authority.rehost',
  'authority.instances',
  'authority.instancePage',
  'authority.instance',
  'authority.events',
  'authority.exportCsv',
  'authority.trustFile',
  'site.overview',
  'site.importTrust',
  'site.addDevice',
  'site.addDevices',
  'site.device',
  'site.devicePage',
  'site.action',
  'site.exec',
  'site.setUsage',
  'site.recordExternal',
  'site.installBatch',
  'site.requestBatch',
  'site.returnBatch',
  'transfer.drives',
  'transfer.items',
  'transfer.itemPage',
  'transfer.listFiles',
  'transfer.export',
  'transfer.writeText',
  'transfer.import',
  'codes.inspect',
  'dialog.openFile',
  'dialog.saveFile',
  'dialog.chooseDirectory',
] as const;

export type ChannelName = (typeof CHANNEL_NAMES)[number];

/** Main → renderer messages; the preload exposes them only as `onMenuCommand(listener)`. */
export const MENU_COMMAND_EVENT = 'menu.command';
/** Main → renderer notices (`MainEvent`); the preload exposes them as `onMainEvent(listener)`. */
export const MAIN_EVENT = 'main.event';

/** Every key the preload puts on `window.api`: the channels and the two subscriptions. */
export const PRELOAD_KEYS = [...CHANNEL_NAMES, 'onMenuCommand', 'onMainEvent'] as const;
