import { describe, expect, it } from 'vitest';
import { FootfallError } from '@footfall/core';
import { checkCsvMapping, importCsv, parseTimeCell } from './import-csv.js';
import type { ImportRecord } from './import-record.js';

async function run(csv: string, mapping: unknown): Promise<ImportRecord[]> {
  const out: ImportRecord[] = [];
  for await (const r of importCsv([csv], checkCsvMapping(mapping))) out.push(r);
  return out;
}
const TICKETS = { kind: 'ticket', columns: { ticketId: 'id', userId: 'who', ts: 'opened', resolvedAt: 'closed', reason: 'why' } };

describe('importCsv (docs/integration.md#csv)', () => {
  it('without an id column, ids are a hash of the row: the same row twice is one id, a changed row another', async () => {
    const csv = 'id,who,opened,closed,why\n7,u1,2026-11-22,,sizing\n7,u1,2026-11-22,,sizing\n7,u1,2026-11-22,2026-11-23,sizing\n';
    const records = await run(csv, TICKETS);
    const ids = records.map((r) => ('events' in r ? r.events[0].id : r.error));
    expect(ids[0]).toMatch(/^tk-[0-9a-f]{32}$/);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
    expect(records.map((r) => r.line)).toEqual([2, 3, 4]);
  });

  it('names a resolution before the opening, and a row with too many fields, by line', async () => {
    const records = await run('id,who,opened,closed,why\n1,u1,2026-11-22,2026-11-21,x\n2,u2,2026-11-22,,x,extra\n', TICKETS);
    expect(records).toEqual([
      { line: 2, error: expect.stringMatching(/resolvedAt: expected at or after ts/) as string },
      { line: 3, error: 'expected 5 fields as in the header, got 6' },
    ]);
  });

  it('rejects a mapping with an unknown kind or field, naming what is allowed', () => {
    expect(() => checkCsvMapping({ kind: 'refunds', columns: {} })).toThrow(FootfallError);
    expect(() => checkCsvMapping({ kind: 'review', columns: { stars: 'x' } })).toThrow(/review has no field stars; its fields are id, ts, userId/);
  });

  it('reads times as ms, seconds, ISO 8601 with a zone, and zoneless dates as UTC', () => {
    expect(parseTimeCell('1795341600000')).toBe(1795341600000);
    expect(parseTimeCell('1795341600')).toBe(1795341600000);
    expect(parseTimeCell('2026-11-22')).toBe(Date.UTC(2026, 10, 22));
    expect(parseTimeCell('2026-11-22 10:00')).toBe(Date.UTC(2026, 10, 22, 10));
    expect(parseTimeCell('2026-11-22T11:00:00+01:00')).toBe(Date.UTC(2026, 10, 22, 10));
    expect(parseTimeCell('22/11/2026')).toBeUndefined();
  });
});

describe('importCsv on hostile input', () => {
  it('a cell named like an Object.prototype key is a plain value, and an unclosed quote stops with its line', async () => {
    const mapping = { kind: 'email', columns: { userId: 'u', ts: 't', action: 'a', campaign: 'c' }, values: { action: { opened: 'open' } } };
    const records = await run('u,t,a,c\nu1,2026-01-01,__proto__,x\nu2,2026-01-01,opened,x\nu3,2026-01-01,opened,"never closed\n', mapping);
    expect(records[0]).toEqual({ line: 2, error: expect.stringMatching(/action: expected one of/) as string });
    expect(records[1]).toMatchObject({ line: 3, events: [{ action: 'open' }] });
    expect(records[2]).toEqual({ line: 4, error: expect.stringMatching(/cannot be read on from here/) as string });
  });
});
