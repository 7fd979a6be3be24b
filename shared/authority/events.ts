// The authority's event log: one entry per successful action, drained by whoever persists it.

export type AuthorityEventType =
  | 'reservation-enabled'
  | 'reservation-disabled'
  | 'virtual-account-added'
  | 'license-added'
  | 'catalog-loaded'
  | 'reserved'
  | 'update-issued'
  | 'confirmed'
  | 'update-confirmed'
  | 'update-withdrawn'
  | 'authorization-returned'
  | 'removed'
  | 'transferred'
  | 'rehosted'
  | 'licenses-moved';

export interface AuthorityEvent {
  time: number;
  type: AuthorityEventType;
  va?: string;
  instanceId?: string;
  /** The UDI key (`P:…,S:…`). */
  udi?: string;
  details: Record<string, unknown>;
}

/** Collects events in memory; the state stays small and the log lives where the app keeps it. */
export class EventBuffer {
  private events: AuthorityEvent[] = [];

  push(event: AuthorityEvent): void {
    this.events.push(event);
  }

  drain(): AuthorityEvent[] {
    const out = this.events;
    this.events = [];
    return out;
  }
}
