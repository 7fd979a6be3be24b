// The row menu of a product instance as plain data: which actions its state allows, with their
// labels. Rows in the same state share one menu, so a 10,000-row table builds a handful of them
// per language instead of six translated actions per row on every update.
import type { InstanceDto } from '../../shared/ipc/dto.ts';

export type InstanceAction =
  'update' | 'confirm' | 'code' | 'transfer' | 'rehost' | 'remove' | 'events';
export type InstanceRowState = Pick<InstanceDto, 'state' | 'confirmed' | 'reservationType'>;

export interface InstanceMenuItem {
  id: InstanceAction;
  label: string;
  disabled: boolean;
  danger?: boolean;
}

const ORDER: readonly InstanceAction[] = [
  'update',
  'confirm',
  'code',
  'transfer',
  'rehost',
  'remove',
  'events',
];

/** Reserved or in transit: the instance still holds licenses (and its latest code). */
export function isLive(instance: Pick<InstanceDto, 'state'>): boolean {
  return instance.state === 'reserved' || instance.state === 'in-transit';
}

/** Whether the device still owes its confirmation code (SLR only; PLR needs none). */
export function awaitsConfirmation(instance: InstanceRowState): boolean {
  return isLive(instance) && !instance.confirmed && instance.reservationType === 'SLR';
}

function allowed(instance: InstanceRowState): Record<InstanceAction, boolean> {
  const live = isLive(instance);
  return {
    update: live && instance.reservationType === 'SLR',
    confirm: awaitsConfirmation(instance),
    code: live,
    transfer: live,
    rehost: live,
    remove: live,
    events: true,
  };
}

/** The menu for one row state, in the order the table shows it. */
export function instanceMenu(
  instance: InstanceRowState,
  labels: Record<InstanceAction, string>,
): InstanceMenuItem[] {
  const enabled = allowed(instance);
  return ORDER.map((id) => ({
    id,
    label: labels[id],
    disabled: !enabled[id],
    ...(id === 'remove' ? { danger: true } : {}),
  }));
}

/** A lookup that builds each row state's menu once, for these labels (one language). */
export function instanceMenus(
  labels: Record<InstanceAction, string>,
): (instance: InstanceRowState) => InstanceMenuItem[] {
  const built = new Map<string, InstanceMenuItem[]>();
  return (instance) => {
    const key = `${instance.state}|${instance.reservationType}|${instance.confirmed}`;
    let menu = built.get(key);
    if (!menu) {
      menu = instanceMenu(instance, labels);
      built.set(key, menu);
    }
    return menu;
  };
}
