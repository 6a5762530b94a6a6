import { describe, expect, it } from 'vitest';
import { DEVICE_CLASSES } from './agent.js';
import { FootfallError } from './errors.js';
import { parseSessionFilter } from './parse-session-filter.js';

describe('parseSessionFilter', () => {
  it('keeps given fields, trims the channel and leaves blank or missing ones out', () => {
    expect(parseSessionFilter({ channel: ' google/cpc ', device: 'mobile' })).toEqual({ channel: 'google/cpc', device: 'mobile' });
    expect(parseSessionFilter({ channel: '  ', device: '' })).toEqual({});
    expect(parseSessionFilter({ channel: null, device: null })).toEqual({});
    expect(parseSessionFilter({})).toEqual({});
    for (const device of DEVICE_CLASSES) expect(parseSessionFilter({ device })).toEqual({ device });
  });

  it('rejects an unknown device with INVALID_OPTION naming the field as given and every class', () => {
    expect(() => parseSessionFilter({ device: 'phone' })).toThrow('device "phone" is not a device class: pick one of desktop, tablet, mobile');
    const error = (() => {
      try {
        parseSessionFilter({ device: 'Mobile' }, { prefix: '--' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(FootfallError);
    expect(error).toMatchObject({ code: 'INVALID_OPTION', message: '--device "Mobile" is not a device class: pick one of desktop, tablet, mobile' });
  });
});
