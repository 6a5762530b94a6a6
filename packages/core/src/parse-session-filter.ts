/**
 * A session filter as people write it on a command line or in a query string: the one check
 * behind the CLI's `--channel`/`--device` and the query API's `channel=`/`device=`.
 */
import { DEVICE_CLASSES } from './agent.js';
import type { DeviceClass } from './analyzer.js';
import { FootfallError } from './errors.js';
import type { SessionFilterOptions } from './session-filter.js';

/** The filter's fields as given: flag values or query parameters; `null`, `undefined` and `''` mean unset. */
export interface SessionFilterText {
  /** An entry channel name (`google/cpc`) or class (`paid`); any text, trimmed. */
  channel?: string | null;
  /** One of `DEVICE_CLASSES`. */
  device?: string | null;
}

/** Options of `parseSessionFilter`. */
export interface ParseSessionFilterOptions {
  /**
   * What stands before a field's name in the error message: `--` when the fields came as
   * command-line flags (`--device "phone"`), nothing for query parameters (`device "phone"`).
   * @default ''
   */
  prefix?: string;
}

/**
 * Turns text into `keepSessions` options: `channel` is trimmed (blank means any
 * channel), `device` must be a device class. Throws `FootfallError` `INVALID_OPTION`, naming
 * the field and the allowed values, for any other device.
 *
 * @example
 * ```ts
 * parseSessionFilter({ channel: ' email ', device: 'mobile' }); // { channel: 'email', device: 'mobile' }
 * parseSessionFilter({ device: 'phone' }, { prefix: '--' }); // throws: --device "phone" is not a device class: pick one of desktop, tablet, mobile
 * ```
 */
export function parseSessionFilter(text: SessionFilterText, options: ParseSessionFilterOptions = {}): SessionFilterOptions {
  const channel = text.channel?.trim() || undefined;
  const device = text.device || undefined;
  if (device !== undefined && !DEVICE_CLASSES.includes(device as DeviceClass)) {
    throw new FootfallError('INVALID_OPTION', `${options.prefix ?? ''}device "${device}" is not a device class: pick one of ${DEVICE_CLASSES.join(', ')}`);
  }
  return { ...(channel === undefined ? {} : { channel }), ...(device === undefined ? {} : { device: device as DeviceClass }) };
}
