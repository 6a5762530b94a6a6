// `footfall person` and `footfall persons` on a demo log, against hand counts from the same
// file; `persons --stage decision --min-ltv 100 --csv` against a brute-force filter over
// generated logs (property).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { FootfallEvent } from '@footfall/core';
import { generateDemo } from '@footfall/node';
import { describe, expect, it } from 'vitest';
import { rawJourneys } from '../../../core/test/journey-arbitrary.js';
import { bruteForceSegment } from '../../../core/test/persons-brute-force.js';
import { runCli } from '../../test/fake-io.js';

const dir = mkdtempSync(join(tmpdir(), 'footfall-cli-persons-'));
const demo = [...generateDemo({ events: 40_000, seed: 2 })]; // holds users who came back on a second device (user_78, user_376)
writeFileSync(join(dir, 'demo.ndjson'), `${demo.map((e) => JSON.stringify(e)).join('\n')}\n`);
const cli = (...argv: string[]) => runCli(dir, ...argv);

/** Hand counts over one person's raw events: client session ids, distinct order ids, their values, first and last time, stage by the docs/metrics.md rules. */
function handCount(events: FootfallEvent[]) {
  // Emails, tickets and reviews belong to no web session (docs/events.md): they carry no sessionId.
  const sessions = [...new Set(events.flatMap((e) => (e.sessionId === undefined ? [] : [e.sessionId])))];
  const orders = new Map<string, number>();
  for (const e of events) if (e.type === 'cart' && e.action === 'purchase' && !orders.has(e.orderId!)) orders.set(e.orderId!, e.value!);
  const ts = events.map((e) => e.ts);
  const firstBuy = events.find((e) => e.type === 'cart' && e.action === 'purchase');
  const pages = events.filter((e) => e.type === 'page');
  const returned = firstBuy !== undefined && pages.some((e) => e.ts > firstBuy.ts && e.sessionId !== firstBuy.sessionId);
  const stage =
    orders.size >= 2 || events.some((e) => e.type === 'track' && (e.name === 'share' || e.name === 'referral')) ? 'advocacy'
    : orders.size > 0 && returned ? 'retention'
    : orders.size > 0 || events.some((e) => e.type === 'cart' && (e.action === 'add' || e.action === 'checkout')) ? 'decision'
    : pages.length >= 2 || events.some((e) => (e.type === 'cart' && e.action === 'view_item') || (e.type === 'page' && /^https?:\/\/[^/]+\/products?/.test(e.url))) ? 'consideration'
    : 'awareness';
  return { sessions: sessions.length, orders: orders.size, revenue: [...orders.values()].reduce((a, b) => a + b, 0), firstSeen: Math.min(...ts), lastSeen: Math.max(...ts), stage };
}

describe('footfall person on the demo log', () => {
  const users = new Map<string, Set<string>>();
  // A backend's events carry a userId alone (docs/events.md): they name no device.
  for (const e of demo) if (e.userId && e.anonymousId) users.set(e.userId, (users.get(e.userId) ?? new Set()).add(e.anonymousId));
  const linked = new Set([...users.values()].flatMap((s) => [...s]));

  it('an anonymous visitor with several sessions agrees with hand counts', async () => {
    const bySessions = new Map<string, Set<string>>();
    for (const e of demo) if (e.anonymousId && e.sessionId && !linked.has(e.anonymousId)) bySessions.set(e.anonymousId, (bySessions.get(e.anonymousId) ?? new Set()).add(e.sessionId));
    const visitor = [...bySessions].sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1))[0][0];
    const mine = demo.filter((e) => e.anonymousId === visitor);
    const want = handCount(mine);
    expect(want.sessions).toBeGreaterThan(1);
    const { code, out } = await cli('person', 'demo.ndjson', visitor, '--json');
    expect(code).toBe(0);
    const p = JSON.parse(out);
    expect(p).toMatchObject({ person: visitor, userId: null, devices: [visitor], ...want });
    expect(p.recentSessions).toHaveLength(want.sessions);
    expect(p.timeline.flatMap((g: { events: unknown[] }) => g.events)).toHaveLength(Math.min(50, mine.length));
  });

  it('a person on two devices, asked for by either device or the user id, agrees with hand counts', async () => {
    const [user, devices] = [...users].filter(([, d]) => d.size > 1).sort((a, b) => (a[0] < b[0] ? -1 : 1))[0];
    const mine = demo.filter((e) => e.userId === user || devices.has(e.anonymousId!));
    const want = handCount(mine);
    expect(want.sessions).toBeGreaterThan(1);
    for (const id of [user, ...devices]) {
      const { code, out } = await cli('person', 'demo.ndjson', id, '--json');
      expect(code, id).toBe(0);
      const p = JSON.parse(out);
      expect(p, id).toMatchObject({ person: user, userId: user, ...want });
      expect(new Set(p.devices), id).toEqual(devices);
    }
    const text = await cli('person', 'demo.ndjson', user);
    expect(text.out).toMatch(new RegExp(`\\nstage +${want.stage}\\n`));
    expect(text.out).toContain('latest events');
  });

  it('exit code 3 and null for an id no event names; usage errors', async () => {
    expect(await cli('person', 'demo.ndjson', 'nobody', '--json')).toMatchObject({ code: 3, out: 'null\n' });
    expect((await cli('person', 'demo.ndjson')).code).toBe(1);
    expect((await cli('person', 'demo.ndjson', 'x'.repeat(200))).err).toContain('at most 128');
  });

  it('footfall persons agrees with footfall person for every listed person', async () => {
    const { code, out } = await cli('persons', 'demo.ndjson', '--sort', 'ltv', '--limit', '3', '--json');
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.persons).toHaveLength(3);
    expect(r.persons[0].revenue).toBeGreaterThanOrEqual(r.persons[1].revenue);
    for (const row of r.persons) {
      const p = JSON.parse((await cli('person', 'demo.ndjson', row.person, '--json')).out);
      expect(p).toMatchObject(row);
    }
    const text = await cli('persons', 'demo.ndjson', '--limit', '2');
    expect(text.out).toMatch(/^[\d,]+ of [\d,]+ persons match \(first 2 shown\)/);
  });
});

describe('footfall persons --stage decision --min-ltv 100 --csv', () => {
  it('lists exactly the persons a brute-force filter over the same events lists (property)', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(rawJourneys, async (raw) => {
        const file = `gen-${++run}.ndjson`;
        writeFileSync(join(dir, file), raw.map((e) => `${JSON.stringify(e)}\n`).join(''));
        const { code, out } = await cli('persons', file, '--stage', 'decision', '--min-ltv', '100', '--csv', '--limit', '1000000');
        expect(code).toBe(0);
        const [header, ...lines] = out.trimEnd().split('\n');
        expect(header.split(',')[0]).toBe('person');
        const got = lines.map((l) => l.split(',')[0]).sort();
        const want = bruteForceSegment(raw, 'decision', 100);
        expect(got).toEqual(want);
      }),
      { numRuns: 40 },
    );
  });
});
