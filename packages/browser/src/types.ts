/**
 * Internal shapes shared by the SDK's modules. They live here, apart from the code that
 * builds them, so that modules depend on this file and never on each other in a circle
 * (options → client → sender → options was one).
 */
import type { EventType, FootfallEvent } from '@footfall/core';

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

/** A piece of autocapture, given to `init({ capture: [...] })`. */
export type Capture = (client: Client) => void;

/** Options with defaults applied, plus the resolved endpoint URL. */
export interface Resolved {
  writeKey: string;
  hashRouting: boolean;
  flushInterval: number;
  batchSize: number;
  maxQueue: number;
  backoffBase: number;
  backoffMax: number;
  consent?: 'granted' | 'required';
  respectDoNotTrack?: boolean;
  debug?: boolean;
  capture: Capture[];
  keepParams: readonly string[];
  /** Full URL of the batch endpoint. */
  url: string;
}

/** Type-specific fields of an event (and optional `ts`/`url` overrides). */
export type Fields = Record<string, unknown>;

/** A page-lifecycle hook. */
export type Hook = 'start' | 'end';

/** The SDK instance captures talk to. Underscored members are internal (mangled in the script build). */
export interface Client {
  _o: Resolved;
  _stats: Stats;
  /** URL of the current page view. */
  _url(): string;
  /** Records an event of `type` with its own `fields` and optional user `props`. */
  _emit(type: EventType, fields?: Fields, props?: unknown): void;
  /** Starts a page view (ending the previous one). */
  _page(props?: unknown): void;
  _on(hook: Hook, fn: () => void): void;
  /** Adds a listener that never throws (removed by `_stop` in tests). */
  _listen(target: EventTarget, type: string, fn: (e: Event) => void, capture?: boolean): void;
  _consent(granted: boolean): void;
  _optOut(): void;
  _identify(userId: string, traits?: unknown): void;
  _reset(): void;
  /** Writes pending events to the queue and sends. */
  _flush(): Promise<void>;
  /** Tests only (`TEST`; nothing in a page stops the SDK): removes listeners, undoes `_offs`. */
  _stop?(): void;
  /** Tests only (`TEST`): undo actions registered by captures (e.g. restoring patched history methods). */
  _offs?: (() => void)[];
  /** Consent is granted: the device may be written (and read). */
  _granted(): boolean;
  /** Calls `fn` with this page's events queued so far (the newest 200), then with each new lot as it is queued. */
  _tap(fn: (events: Ev[]) => void): void;
}
