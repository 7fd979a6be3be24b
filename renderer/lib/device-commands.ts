// The exact console lines an operator types on each product, for "what to do next" cards — the
// domain's own table (shared/agent/device-commands.ts), never a second copy.
import {
  type CommandArguments,
  type DeviceAction as DomainAction,
  type ExternalPlatform,
  deviceCommand as domainCommand,
} from '../../shared/agent/device-commands.ts';
import { isDomainError } from '../../shared/errors.ts';
import type { Product } from '../../shared/ipc/dto.ts';

export type DeviceAction =
  'enable' | 'request' | 'cancel' | 'install' | 'return' | 'returnAuthorization' | 'show';

const PLATFORM: Record<Product, ExternalPlatform> = {
  ucm: 'cucm',
  expressway: 'expressway',
  'ios-xe': 'ios-xe',
};

const ACTION: Record<DeviceAction, DomainAction> = {
  enable: 'enable',
  request: 'request',
  cancel: 'cancel',
  install: 'install',
  return: 'return',
  returnAuthorization: 'return-authorization',
  show: 'show-status',
};

/**
 * The command for an action, with the code filled in where the command takes one (`<code>` until
 * it is known). Where the platform takes a code only as a file (IOS-XE and an XML code), the
 * line names the file: `… install file <url>`.
 */
export function deviceCommand(product: Product, action: DeviceAction, code = '<code>'): string {
  const command = (args: CommandArguments) =>
    domainCommand(PLATFORM[product], ACTION[action], args);
  try {
    return command({ code });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    // A code that cannot be typed shows where it goes; IOS-XE takes an XML code only as a file.
    try {
      if (error.code !== 'COMMAND_NEEDS_FILE_URL') return command({ code: '<code>' });
    } catch {
      // The placeholder is XML-like too: the file way it is.
    }
    return command({ fileUrl: '<url>' });
  }
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
