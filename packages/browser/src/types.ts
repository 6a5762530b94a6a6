/** Internal shapes shared by the SDK's modules. */
import type { FootfallEvent } from '@footfall/core';

/** An event as the SDK builds it (an event of docs/events.md). */
export type Ev = FootfallEvent;

/** Delivery counters, see `stats()`. */
export interface Stats {
  /** Events the collector accepted (2xx). */
  sent: number;
  /** Events dropped because the collector rejected them (400, or 413 for a single event). */
  dropped: number;
  /** Events evicted because the queue was full. */
  evicted: number;
}
