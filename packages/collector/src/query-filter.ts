import { FootfallError, type DeviceClass, type SessionFilterOptions } from '@footfall/core';

const DEVICES: readonly DeviceClass[] = ['mobile', 'tablet', 'desktop'];

/**
 * The session filter a query asks for: `channel` (entry channel name such as `google/cpc`, or
 * class such as `email`) and `device` (`mobile`, `tablet`, `desktop`: the device of the
 * session's first event). Whole sessions are kept or dropped (core `createSessionFilter`).
 *
 * @example
 * ```ts
 * queryFilter(new URLSearchParams('device=mobile&channel=email')); // { device: 'mobile', channel: 'email' }
 * ```
 */
export function queryFilter(p: URLSearchParams): SessionFilterOptions {
  const channel = p.get('channel')?.trim() || undefined;
  const device = p.get('device') || undefined;
  if (device !== undefined && !DEVICES.includes(device as DeviceClass)) {
    throw new FootfallError('INVALID_OPTION', `device=${device} is not one of ${DEVICES.join(', ')}: pick one of those`);
  }
  return { ...(channel === undefined ? {} : { channel }), ...(device === undefined ? {} : { device: device as DeviceClass }) };
}
