// The long lists main pages, each as a table reads it: the workspace and the screen's own filters
// (read when a window is asked for) joined to the window, search and sort. One per channel.
import type { Request } from '../../shared/ipc/contract.ts';
import type {
  DeviceRowDto,
  DeviceSortKey,
  EventDto,
  InstanceDto,
  InstanceSortKey,
  TransferItemDto,
} from '../../shared/ipc/dto.ts';
import { call } from './api.ts';
import { type PageFetch, pageRequest } from './page-query.ts';

type Filters<C extends keyof Channels> = Omit<Channels[C], 'workspaceId' | 'offset' | 'limit'>;
interface Channels {
  device: Request<'site.devicePage'>;
  instance: Request<'authority.instancePage'>;
  item: Request<'transfer.itemPage'>;
  event: Request<'workspace.events'>;
}

export const DEVICE_SORT_KEYS: readonly DeviceSortKey[] = [
  'name',
  'udi',
  'product',
  'registration',
  'waitingFor',
  'createdAt',
];
export const INSTANCE_SORT_KEYS: readonly InstanceSortKey[] = [
  'name',
  'udi',
  'productType',
  'va',
  'state',
  'lastContact',
  'createdAt',
];

/** Drops filters that are not set, so the request carries only what narrows the list. */
function set<T extends object>(filters: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(filters).filter(([, v]) => v !== undefined && v !== ''),
  ) as Partial<T>;
}

export function devicePages(
  workspaceId: () => string,
  filters: () => Omit<Filters<'device'>, 'search' | 'sort'> = () => ({}),
): PageFetch<DeviceRowDto> {
  return (query) =>
    call('site.devicePage', {
      workspaceId: workspaceId(),
      ...set(filters()),
      ...pageRequest(query, DEVICE_SORT_KEYS),
    });
}

export function instancePages(
  workspaceId: () => string,
  filters: () => Omit<Filters<'instance'>, 'search' | 'sort'>,
): PageFetch<InstanceDto> {
  return (query) =>
    call('authority.instancePage', {
      workspaceId: workspaceId(),
      ...set(filters()),
      ...pageRequest(query, INSTANCE_SORT_KEYS),
    });
}

/** Transfer items, newest first (main's only order; nothing to search). */
export function itemPages(
  workspaceId: () => string,
  filters: () => Filters<'item'>,
): PageFetch<TransferItemDto> {
  return ({ offset, limit }) =>
    call('transfer.itemPage', { workspaceId: workspaceId(), ...set(filters()), offset, limit });
}

/** The log, newest first, by type and subject. */
export function eventPages(
  workspaceId: () => string,
  filters: () => Filters<'event'>,
): PageFetch<EventDto> {
  return ({ offset, limit }) =>
    call('workspace.events', { workspaceId: workspaceId(), ...set(filters()), offset, limit });
}
