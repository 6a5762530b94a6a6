/**
 * Whether events may be recorded: granted, pending (held in memory until the visitor
 * decides) or denied. Opt-out is remembered on the device; Do Not Track and Global
 * Privacy Control count as a refusal unless `respectDoNotTrack: false`.
 */
import { load } from './lib/storage.js';

/** `g` granted, `p` pending (held in memory), `d` denied (dropped). */
export type ConsentState = 'g' | 'p' | 'd';

/** The consent state at start for these options and this browser. */
export function initialConsent(o: { consent?: 'granted' | 'required'; respectDoNotTrack?: boolean }): ConsentState {
  const decided = load('consent');
  if (load('optout') || decided === 'd') return 'd';
  if (decided === 'g') return 'g';
  const n = navigator as Navigator & { globalPrivacyControl?: boolean };
  const dnt = n.doNotTrack === '1' || (window as { doNotTrack?: string }).doNotTrack === '1' || n.globalPrivacyControl === true;
  if (o.respectDoNotTrack !== false && dnt) return 'd';
  return o.consent === 'required' ? 'p' : 'g';
}
