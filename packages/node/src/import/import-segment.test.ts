import { readFileSync, createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze, createFunnel, createPaths, type FootfallEvent } from '@footfall/core';
import { importSegment, segmentToEvents } from './import-segment.js';
import type { ImportRecord } from './import-record.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

async function collect(records: AsyncIterable<ImportRecord>): Promise<ImportRecord[]> {
  const out: ImportRecord[] = [];
  for await (const r of records) out.push(r);
  return out;
}
const eventsOf = (records: ImportRecord[]) => records.flatMap((r) => ('events' in r ? r.events : []));
const native = (): FootfallEvent[] => readFileSync(fixture('segment-spec.native.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as FootfallEvent);
const withoutId = (events: FootfallEvent[]) => events.map(({ id: _id, ...rest }) => rest);

describe('importSegment (docs/integration.md#segment)', () => {
  it('maps a Segment-spec fixture to exactly the equivalent native events', async () => {
    const records = await collect(importSegment(createReadStream(fixture('segment-spec.ndjson'))));
    expect(records.filter((r) => 'error' in r)).toEqual([]);
    const events = eventsOf(records);
    expect(withoutId(events)).toEqual(withoutId(native()));
    // messageId is the id; a message without one gets an id from its content
    expect(events.slice(0, 3).map((e) => e.id)).toEqual(['seg-a-1', 'seg-a-2', 'seg-a-3']);
    expect(events.find((e) => e.ts === 1795348801000)!.id).toMatch(/^seg-[0-9a-f]{32}$/);
    // identify without userId, group and a self-alias are skipped with a reason
    expect(records.filter((r) => 'note' in r && r.note).map((r) => r.line)).toEqual([14, 16, 19]);
  });

  it('gives the same funnels and journeys as the native events', async () => {
    const imported = eventsOf(await collect(importSegment(createReadStream(fixture('segment-spec.ndjson')))));
    const steps = ['page:/', 'cart:add', 'cart:purchase'];
    const funnelOf = (events: FootfallEvent[]) => analyze(events, createFunnel({ steps }));
    const pathsOf = (events: FootfallEvent[]) => analyze(events, createPaths({ steps: 6 }));
    const funnel = funnelOf(imported);
    expect(funnel).toEqual(funnelOf(native()));
    // anon-a (identify, then a userId-only server order) and anon-b1 (alias, order on another device) both convert once
    expect(funnel.steps.map((s: { count: number }) => s.count)).toEqual([3, 2, 2]);
    expect(pathsOf(imported)).toEqual(pathsOf(native()));
  });

  it('is deterministic: the same input gives the same ids', () => {
    const message = { type: 'track', event: 'Signed Up', userId: 'u1', timestamp: '2026-01-01T00:00:00Z', properties: { plan: 'pro' } };
    const a = segmentToEvents(message);
    const b = segmentToEvents(JSON.parse(JSON.stringify({ properties: { plan: 'pro' }, timestamp: '2026-01-01T00:00:00Z', userId: 'u1', event: 'Signed Up', type: 'track' })));
    expect(a).toEqual(b);
  });

  it('reports a bad line with its number and why, and imports the rest; a batch line is expanded', async () => {
    const lines = [
      '{"type":"page","messageId":"m1","anonymousId":"a","timestamp":"2026-01-01T00:00:00Z","properties":{"url":"https://x.test/"}}',
      '{"type":"page",',
      '{"type":"track","messageId":"m3","timestamp":"2026-01-01T00:00:00Z","event":"X"}',
      '{"type":"alias","messageId":"m4","userId":"u","timestamp":"2026-01-01T00:00:00Z"}',
      '{"batch":[{"type":"track","messageId":"m5","userId":"u","timestamp":"2026-01-01T00:00:01Z","event":"Y"},{"type":"identify","messageId":"m6","userId":"u","anonymousId":"a","timestamp":"2026-01-01T00:00:02Z"}]}',
      '{"type":"track","messageId":"m7","userId":"u","timestamp":"yesterday","event":"Z"}',
    ];
    const records = await collect(importSegment([lines.join('\n')]));
    const errors = records.filter((r): r is { line: number; error: string } => 'error' in r);
    expect(errors.map((e) => e.line)).toEqual([2, 3, 4, 6]);
    expect(errors[0].error).toMatch(/not JSON/);
    expect(errors[1].error).toMatch(/anonymousId: required/);
    expect(errors[2].error).toMatch(/previousId/);
    expect(errors[3].error).toMatch(/no time/);
    expect(eventsOf(records).map((e) => e.id)).toEqual(['m1', 'm5', 'm6']);
  });
});
