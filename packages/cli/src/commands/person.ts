import { createPersonProfile, type PersonProfile } from '@footfall/core';
import { printJson, UsageError, type Args, type Command, type Io } from '../command.js';
import { feed } from '../input.js';
import { analysisFlags, analysisOptionsOf } from './analysis-flags.js';
import { number, percent, stringFlag, table } from './format.js';
import { analysisHelp, SESSION_FILTER_FLAGS, sessionFilterOf } from './session-filter-flags.js';

const help = `Usage: footfall person INPUT ID [--events N] [--channel C] [--device D] [--json]

One person's profile, from any of their ids (a user id or any device's anonymous id):
every stitched id, traits, first and last seen, sessions with entry channel and device,
orders, revenue (lifetime value to date), journey stage, conversion probability and the
five likeliest next steps of their latest session, support contacts, reviews, and their
latest events grouped by session (docs/metrics.md#persons). Exit code 3 when no event
names the id.

INPUT           an .ndjson file, .ndjson.gz, a folder of them, - for stdin,
                duckdb:PATH or clickhouse:URL
ID              any of the person's ids (or --id ID)
--id ID         the same as ID
--events N      latest events in the timeline (1 to 500, default 50)
${analysisHelp(16)}

Example:
  footfall person events.ndjson user-42 --json
`;

const when = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** Text rendering of a profile. */
export function profileText(p: PersonProfile): string {
  const facts: [string, string][] = [
    ['person', p.person],
    ['user id', p.userId ?? '-'],
    ['devices', p.devices.join(', ') || '-'],
    ['first seen', when(p.firstSeen)],
    ['last seen', when(p.lastSeen)],
    ['sessions', number(p.sessions)],
    ['orders', number(p.orders)],
    ['revenue (LTV)', number(p.revenue, 2)],
    ['stage', p.stage],
    ['conversion probability', percent(p.conversionProbability)],
    ['channels', p.channels.join(', ') || '-'],
    ['tickets', number(p.tickets)],
    ['reviews', number(p.reviews)],
    ...Object.keys(p.traits).map((k): [string, string] => [`trait ${k}`, JSON.stringify(p.traits[k])]),
  ];
  const sessions = table(['session', 'start', 'events', 'channel', 'device', 'converted'], p.recentSessions.map((s) => [s.session, when(s.start), number(s.events), s.channel ?? '-', s.device ?? '-', s.converted ? 'yes' : '']));
  const next = p.next.length ? table(['next step', 'probability'], p.next.map((n) => [n.item, percent(n.probability)])) : '';
  const timeline = p.timeline.map((g) => `${g.session || '(outside sessions)'}\n${g.events.map((e) => `  ${when(e.ts)}  ${e.what}`).join('\n')}`).join('\n');
  return `${table(['', ''], facts)}\n${sessions}\n${next ? `${next}\n` : ''}latest events\n${timeline}\n`;
}

function idOf(args: Args): { input: string; id: string } {
  const flag = stringFlag(args, 'id');
  const [input, positional, ...rest] = args.positionals;
  if (input === undefined) throw new UsageError('missing INPUT: footfall person INPUT ID');
  if (rest.length || (positional !== undefined && flag !== undefined)) throw new UsageError('expected INPUT and one ID: footfall person INPUT ID');
  const id = positional ?? flag;
  if (id === undefined || id === '') throw new UsageError('missing ID: footfall person INPUT ID (a user id or an anonymous id)');
  return { input, id };
}

async function profileOf(input: string, id: string, args: Args, io: Io): Promise<PersonProfile | null> {
  const options = analysisOptionsOf('person', { ...args, values: { ...args.values, id } });
  const analyzer = createPersonProfile(options);
  await feed(input, io, [analyzer as never], { strict: args.values.strict === true, filter: sessionFilterOf(args), recipes: [{ create: 'createPersonProfile', options }] });
  return analyzer.result();
}

/** `footfall person`: one person's profile. */
export const person: Command = {
  name: 'person',
  summary: "one person's profile: ids, sessions, orders, LTV, stage, next steps, timeline",
  help,
  flags: { ...analysisFlags('person'), ...SESSION_FILTER_FLAGS, strict: { type: 'boolean' } },
  async run(args, io) {
    const { input, id } = idOf(args);
    let profile = await profileOf(input, id, args, io);
    // A device id found as a stitched person: read again by the person key, so events of the
    // person before that device's first one count too (docs/cli.md, "footfall person").
    if (profile && profile.person !== id) profile = await profileOf(input, profile.person, args, io);
    if (!profile) {
      io.stderr.write(`footfall person: no event names "${id.slice(0, 200)}": pass a user id or an anonymous id from INPUT\n`);
      if (args.values.json) printJson(io, null);
      return 3;
    }
    if (args.values.json) printJson(io, profile);
    else io.stdout.write(profileText(profile));
    return 0;
  },
};
