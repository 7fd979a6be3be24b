// The agent's honest timeline: the clock may only move forward for expiry decisions.
//
// Setting the clock back is a known way to defeat TERM and evaluation expiry, so the agent keeps
// the latest time it has seen and decides everything on that; small backward steps (NTP slew,
// a VM resumed) within the tolerance are absorbed silently, larger ones raise an alarm.

export const CLOCK_TOLERANCE_MS = 5 * 60_000;

export interface Moment {
  /** The time every decision uses: never earlier than the latest time seen. */
  now: number;
  /** What the clock said. */
  observed: number;
  /** The clock reads earlier than the latest time seen, beyond the tolerance. */
  setBack: boolean;
}

export function momentOf(observed: number, latestSeenAt: number): Moment {
  return {
    now: Math.max(observed, latestSeenAt),
    observed,
    setBack: observed < latestSeenAt - CLOCK_TOLERANCE_MS,
  };
}
