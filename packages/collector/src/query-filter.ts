import { parseSessionFilter, type SessionFilterOptions } from '@footfall/core';

/**
 * The session filter a query asks for: `channel` (entry channel name such as `google/cpc`, or
 * class such as `email`) and `device` (`desktop`, `tablet`, `mobile`: the device of the
 * session's first event). Whole sessions are kept or dropped (core `keepSessions`);
 * the values are checked by the core's `parseSessionFilter`, as the CLI's flags are.
 *
 * @example
 * ```ts
 * queryFilter(new URLSearchParams('device=mobile&channel=email')); // { channel: 'email', device: 'mobile' }
 * ```
 */
export function queryFilter(p: URLSearchParams): SessionFilterOptions {
  return parseSessionFilter({ channel: p.get('channel'), device: p.get('device') });
}
