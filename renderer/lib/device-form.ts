// The add-device form adapts to the product, as each names itself in its UDI: a Unified CM by its
// UUID, an Expressway by its Host ID and VID, an IOS-XE switch by PID and serial number alone. A
// refusal main ties to one field (UDI_INVALID {field}) is shown under that field.
import type { ErrorDto, Product } from '../../shared/ipc/dto.ts';

export type IdentityField = 'vid' | 'hostId' | 'uuid';

export const IDENTITY: Record<Product, readonly IdentityField[]> = {
  ucm: ['uuid'],
  expressway: ['vid', 'hostId'],
  'ios-xe': [],
};

export const DEFAULT_PID: Record<Product, string> = {
  ucm: 'UCM',
  expressway: 'Expressway',
  'ios-xe': 'C9300-24UX',
};

export type FormField = 'pid' | 'sn' | IdentityField;

/** The form field a refusal from main names, if it names one this form shows. */
export function fieldOf(error: ErrorDto | null, product: Product): FormField | null {
  if (!error || error.code !== 'UDI_INVALID') return null;
  const field = error.facts.field;
  if (field === 'pid' || field === 'sn') return field;
  if ((IDENTITY[product] as readonly string[]).includes(String(field))) return field as FormField;
  return null;
}
