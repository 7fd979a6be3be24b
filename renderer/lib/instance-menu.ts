// A product instance's state in the operator's words, and the actions its state allows — each
// refused one with the reason, as plain data. Main decides and refuses; this only keeps the window
// from offering what main would refuse (update or transfer while in transit, a confirmation where
// none is owed) and says why. Rows in the same state share one menu, so a 10,000-row table builds
// a handful of them per language instead of eight translated actions per row on every update.
import type { InstanceDto } from '../../shared/ipc/dto.ts';

export type InstanceAction =
  'open' | 'update' | 'confirm' | 'code' | 'transfer' | 'rehost' | 'remove' | 'events';
export type InstanceRowState = Pick<
  InstanceDto,
  'state' | 'confirmed' | 'reservationType' | 'productType'
>;

/** What the list and the instance page show in one word: what the instance waits for, if anything. */
export type InstanceStatus = 'not-confirmed' | 'in-transit' | 'reserved' | 'removed' | 'rehosted';

/** Why an action is not offered now (the key of its sentence under `instanceWhy.`). */
export type InstanceBlock =
  'plr-update' | 'plr-confirm' | 'confirmed' | 'in-transit' | 'removed' | 'rehosted' | 'ucl-rehost';

export interface InstanceMenuItem {
  id: InstanceAction;
  label: string;
  disabled: boolean;
  /** Why it is disabled, in words. */
  reason?: string;
  danger?: boolean;
}

const ORDER: readonly InstanceAction[] = [
  'open',
  'update',
  'confirm',
  'code',
  'transfer',
  'rehost',
  'remove',
  'events',
];

/**
 * Whether a confirmation code is owed: an SLR code not yet confirmed, or an update in transit
 * (the product confirms the newer code; until then the instance is in transit).
 */
export function owesConfirmation(instance: Pick<InstanceDto, 'state' | 'confirmed'>): boolean {
  return instance.state === 'in-transit' || (instance.state === 'reserved' && !instance.confirmed);
}

export function instanceStatus(instance: Pick<InstanceDto, 'state' | 'confirmed'>): InstanceStatus {
  if (instance.state === 'reserved' && !instance.confirmed) return 'not-confirmed';
  return instance.state;
}

/** Why an instance that is gone offers nothing but its history. */
function gone(instance: InstanceRowState): InstanceBlock | null {
  return instance.state === 'removed' || instance.state === 'rehosted' ? instance.state : null;
}

/** For each action, null when allowed, else why not. */
export function blocks(instance: InstanceRowState): Record<InstanceAction, InstanceBlock | null> {
  const over = gone(instance);
  const plr = instance.reservationType === 'PLR';
  const transit = instance.state === 'in-transit' ? 'in-transit' : null;
  return {
    open: null,
    update: over ?? (plr ? 'plr-update' : transit),
    confirm: over ?? (plr ? 'plr-confirm' : owesConfirmation(instance) ? null : 'confirmed'),
    code: over,
    transfer: over ?? transit,
    rehost: over ?? transit ?? (instance.productType === 'UCL' ? 'ucl-rehost' : null),
    remove: over,
    events: null,
  };
}

/** The menu for one row state, in the order the table shows it. */
export function instanceMenu(
  instance: InstanceRowState,
  labels: Record<InstanceAction, string>,
  reasons: Record<InstanceBlock, string>,
): InstanceMenuItem[] {
  const why = blocks(instance);
  return ORDER.map((id) => {
    const block = why[id];
    return {
      id,
      label: labels[id],
      disabled: block !== null,
      ...(block ? { reason: reasons[block] } : {}),
      ...(id === 'remove' ? { danger: true } : {}),
    };
  });
}

/** A lookup that builds each row state's menu once, for these labels (one language). */
export function instanceMenus(
  labels: Record<InstanceAction, string>,
  reasons: Record<InstanceBlock, string>,
): (instance: InstanceRowState) => InstanceMenuItem[] {
  const built = new Map<string, InstanceMenuItem[]>();
  return (instance) => {
    const key = `${instance.state}|${instance.reservationType}|${instance.confirmed}|${instance.productType === 'UCL'}`;
    let menu = built.get(key);
    if (!menu) {
      menu = instanceMenu(instance, labels, reasons);
      built.set(key, menu);
    }
    return menu;
  };
}

export const INSTANCE_BLOCKS: readonly InstanceBlock[] = [
  'plr-update',
  'plr-confirm',
  'confirmed',
  'in-transit',
  'removed',
  'rehosted',
  'ucl-rehost',
];

/** The sentence for a reason: the desk's own refusal where there is one (REHOST_CONTACT_TAC). */
export function blockKey(block: InstanceBlock): string {
  return block === 'ucl-rehost' ? 'errors.REHOST_CONTACT_TAC' : `instanceWhy.${block}`;
}
