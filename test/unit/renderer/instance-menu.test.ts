// The instances table's row menu: what each state allows, and one shared menu per row state.
import { describe, expect, it } from 'vitest';
import {
  type InstanceAction,
  type InstanceRowState,
  awaitsConfirmation,
  instanceMenu,
  instanceMenus,
} from '../../../renderer/lib/instance-menu.ts';

const LABELS: Record<InstanceAction, string> = {
  update: 'Update',
  confirm: 'Confirm',
  code: 'Show code',
  transfer: 'Transfer',
  rehost: 'Rehost',
  remove: 'Remove',
  events: 'Events',
};

const row = (over: Partial<InstanceRowState> = {}): InstanceRowState => ({
  state: 'reserved',
  confirmed: true,
  reservationType: 'SLR',
  ...over,
});

const enabled = (state: InstanceRowState) =>
  instanceMenu(state, LABELS)
    .filter((a) => !a.disabled)
    .map((a) => a.id);

describe('instanceMenu', () => {
  it('offers every action but confirm to a confirmed SLR reservation, remove marked dangerous', () => {
    const menu = instanceMenu(row(), LABELS);
    expect(menu.map((a) => a.id)).toEqual([
      'update',
      'confirm',
      'code',
      'transfer',
      'rehost',
      'remove',
      'events',
    ]);
    expect(menu.map((a) => a.label)).toEqual(Object.values(LABELS));
    expect(enabled(row())).toEqual(['update', 'code', 'transfer', 'rehost', 'remove', 'events']);
    expect(menu.find((a) => a.id === 'remove')?.danger).toBe(true);
  });

  it('offers Show authorization code while reserved or in transit, and only the events once gone', () => {
    expect(enabled(row({ state: 'in-transit', confirmed: false }))).toEqual([
      'update',
      'confirm',
      'code',
      'transfer',
      'rehost',
      'remove',
      'events',
    ]);
    expect(enabled(row({ state: 'removed' }))).toEqual(['events']);
    expect(enabled(row({ state: 'rehosted' }))).toEqual(['events']);
  });

  it('neither updates nor confirms a PLR reservation', () => {
    const plr = row({ reservationType: 'PLR', confirmed: false });
    expect(enabled(plr)).toEqual(['code', 'transfer', 'rehost', 'remove', 'events']);
    expect(awaitsConfirmation(plr)).toBe(false);
    expect(awaitsConfirmation(row({ confirmed: false }))).toBe(true);
  });
});

describe('instanceMenus', () => {
  it('builds one menu per row state and hands the same list to every row in it', () => {
    const menuOf = instanceMenus(LABELS);
    const a = menuOf({ ...row(), id: 'one' } as InstanceRowState);
    const b = menuOf({ ...row(), id: 'two' } as InstanceRowState);
    expect(b).toBe(a);
    expect(menuOf(row({ confirmed: false }))).not.toBe(a);
  });
});
