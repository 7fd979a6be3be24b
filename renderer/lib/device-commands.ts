// The exact console lines an operator types on each product, for "what to do next" cards.
import type { Product } from '../../shared/ipc/dto.ts';

export type DeviceAction =
  'enable' | 'request' | 'cancel' | 'install' | 'return' | 'returnAuthorization' | 'show';

type Templates = Record<DeviceAction, string>;

const TEMPLATES: Record<Product, Templates> = {
  ucm: {
    enable: 'license smart reservation enable',
    request: 'license smart reservation request',
    cancel: 'license smart reservation cancel',
    install: 'license smart reservation install "<code>"',
    return: 'license smart reservation return',
    returnAuthorization: 'license smart reservation return-authorization "<code>"',
    show: 'show license all',
  },
  expressway: {
    enable: 'xconfiguration License Smart ReservationEnable: On',
    request: 'xcommand License Smart Reservation Request',
    cancel: 'xcommand License Smart Reservation Cancel',
    install: 'xcommand License Smart Reservation Install "<code>"',
    return: 'xcommand License Smart Reservation Return',
    returnAuthorization: 'xcommand License Smart Reservation ReturnAuthorization "<code>"',
    show: 'show license all',
  },
  'ios-xe': {
    enable: 'license smart reservation',
    request: 'license smart reservation request local',
    cancel: 'license smart reservation cancel',
    install: 'license smart reservation install "<code>"',
    return: 'license smart reservation return local',
    returnAuthorization: 'license smart reservation return authorization "<code>"',
    show: 'show license all',
  },
};

/** The command for an action, with the code filled in where the command takes one. */
export function deviceCommand(product: Product, action: DeviceAction, code = '<code>'): string {
  const oneLine = code.replace(/\s*[\r\n]+\s*/g, '');
  return TEMPLATES[product][action].replace('<code>', oneLine);
}

/** The product the authority's product type stands for (`UCL` → CUCM, `EXPY` → Expressway). */
export function productOfType(productType: string): Product | null {
  const type = productType.toUpperCase();
  if (type === 'UCL') return 'ucm';
  if (type === 'EXPY') return 'expressway';
  return null;
}

export const PRODUCT_LABELS: Record<Product, string> = {
  ucm: 'Cisco Unified CM',
  expressway: 'Cisco Expressway',
  'ios-xe': 'Cisco IOS-XE',
};
