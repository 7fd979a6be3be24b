// The instances table's row menu: what each state allows (with the reason for what it does not),
// the state in one word, and one shared menu per row state.
import { describe, expect, it } from 'vitest';
import {
  INSTANCE_BLOCKS,
  type InstanceAction,
  type InstanceBlock,
  type InstanceRowState,
  instanceMenu,
  instanceMenus,
  instanceStatus,
  owesConfirmation,
} from '../../../renderer/lib/instance-menu.ts';

const LABELS: Record<InstanceAction, string> = {
  open: 'Open',
  update: 'Update',
  confirm: 'Confirm',
  code: 'Show code',
  transfer: 'Transfer',
  rehost: 'Rehost',
  remove: 'Remove',
  events: 'Events',
};
const REASONS = Object.fromEntries(INSTANCE_BLOCKS.map((b) => [b, `why:${b}`])) as Record<
  InstanceBlock,
  string
>;

const row = (over: Partial<InstanceRowState> = {}): InstanceRowState => ({
  state: 'reserved',
  confirmed: true,
  reservationType: 'SLR',
  productType: 'EXPY',
  ...over,
});

const menu = (state: InstanceRowState) => instanceMenu(state, LABELS, REASONS);
const enabled = (state: InstanceRowState) =>
  menu(state)
    .filter((a) => !a.disabled)
    .map((a) => a.id);
const reasonOf = (state: InstanceRowState, id: InstanceAction) =>
  menu(state).find((a) => a.id === id)?.reason;

describe('instanceMenu', () => {
  it('offers every action but confirm to a confirmed SLR reservation, remove marked dangerous', () => {
    expect(menu(row()).map((a) => a.label)).toEqual(Object.values(LABELS));
    expect(enabled(row())).toEqual([
      'open',
      'update',
      'code',
      'transfer',
      'rehost',
      'remove',
      'events',
    ]);
    expect(reasonOf(row(), 'confirm')).toBe('why:confirmed');
    expect(menu(row()).find((a) => a.id === 'remove')?.danger).toBe(true);
  });

  it('offers Enter Confirmation Code in transit after an update, and says why update waits', () => {
    const transit = row({ state: 'in-transit', confirmed: true });
    expect(enabled(transit)).toEqual(['open', 'confirm', 'code', 'remove', 'events']);
    expect(reasonOf(transit, 'update')).toBe('why:in-transit');
    expect(reasonOf(transit, 'transfer')).toBe('why:in-transit');
  });

  it('offers Enter Confirmation Code to a reservation whose code never came back', () => {
    expect(enabled(row({ confirmed: false }))).toContain('confirm');
  });

  it('offers only the page and the events once the instance is gone, saying why', () => {
    expect(enabled(row({ state: 'removed' }))).toEqual(['open', 'events']);
    expect(enabled(row({ state: 'rehosted' }))).toEqual(['open', 'events']);
    expect(reasonOf(row({ state: 'removed' }), 'confirm')).toBe('why:removed');
  });

  it('neither updates nor confirms a PLR reservation, and says so', () => {
    const plr = row({ reservationType: 'PLR' });
    expect(enabled(plr)).toEqual(['open', 'code', 'transfer', 'rehost', 'remove', 'events']);
    expect(reasonOf(plr, 'confirm')).toBe('why:plr-confirm');
    expect(reasonOf(plr, 'update')).toBe('why:plr-update');
  });

  it('does not offer to rehost a Unified CM (Cisco TAC does)', () => {
    expect(reasonOf(row({ productType: 'UCL' }), 'rehost')).toBe('why:ucl-rehost');
  });
});

describe('owesConfirmation and instanceStatus', () => {
  it('owe a confirmation in transit and while a reservation is unconfirmed', () => {
    expect(owesConfirmation(row({ state: 'in-transit' }))).toBe(true);
    expect(owesConfirmation(row({ confirmed: false }))).toBe(true);
    expect(owesConfirmation(row())).toBe(false);
    expect(owesConfirmation(row({ state: 'removed', confirmed: false }))).toBe(false);
  });

  it('name the state in one word', () => {
    expect(instanceStatus(row({ confirmed: false }))).toBe('not-confirmed');
    expect(instanceStatus(row())).toBe('reserved');
    expect(instanceStatus(row({ state: 'in-transit' }))).toBe('in-transit');
    expect(instanceStatus(row({ state: 'removed', confirmed: false }))).toBe('removed');
  });
});

describe('instanceMenus', () => {
  it('builds one menu per row state and hands the same list to every row in it', () => {
    const menuOf = instanceMenus(LABELS, REASONS);
    const a = menuOf({ ...row(), id: 'one' } as InstanceRowState);
    const b = menuOf({ ...row(), id: 'two' } as InstanceRowState);
    expect(b).toBe(a);
    expect(menuOf(row({ confirmed: false }))).not.toBe(a);
    expect(menuOf(row({ productType: 'UCL' }))).not.toBe(a);
  });
});
