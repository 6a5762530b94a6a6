import { resolve } from 'node:path';
import { parseDuration } from '@footfall/core';
import type { Store } from '@footfall/collector';
import { InputError, printJson, UsageError, type Args, type Command, type Io } from '../command.js';
import { listFlag, stringFlag } from './format.js';

const help = `Usage: footfall forget STORE --person ID [--person ID ...] [--older-than DURATION]

Erases from a store every event of a person: all the devices stitched to them, before and
after login, found from any one of their ids (a user id or a device's anonymous id). With
--older-than, erases every event older than that (retention, once). The events are gone
from the store's files when the command ends (docs/privacy.md). Prints one JSON document:
{ "removed": N, "persons": [{ "id", "person", "removed" }], "expired": { "before", "removed" } }.

STORE                 duckdb:PATH or clickhouse:URL (a DuckDB file must not be open in a
                      running footfall serve: use DELETE /v1/persons/:id there)
--person ID           a person to erase, by any of their ids (repeatable)
--older-than D        erase events older than D (14d, 2h, 90d), by event time

Example:
  footfall forget duckdb:./footfall.duckdb --person user-42
`;

/** A store spec with `duckdb:PATH` made absolute from the working directory (`forget` and `serve` read STORE so); `what` names it in the error. */
export function resolveStoreSpec(spec: string, cwd: string, what = 'STORE'): string {
  if (!/^(duckdb|clickhouse|memory):/.test(spec)) throw new UsageError(`${what} must be duckdb:PATH or clickhouse:URL, got "${spec}"`);
  return spec.startsWith('duckdb:') ? `duckdb:${resolve(cwd, spec.slice('duckdb:'.length) || 'footfall.duckdb')}` : spec;
}

async function run(args: Args, io: Io): Promise<number> {
  if (args.positionals.length !== 1) throw new UsageError('expected one STORE: footfall forget duckdb:PATH --person ID');
  const spec = resolveStoreSpec(args.positionals[0], io.cwd);
  const persons = listFlag(args, 'person');
  const olderThan = stringFlag(args, 'older-than');
  if (!persons.length && olderThan === undefined) throw new UsageError('nothing to erase: pass --person ID or --older-than DURATION');
  if (persons.some((p) => p === '')) throw new UsageError('--person needs an id');
  let ageMs: number | undefined;
  try {
    ageMs = olderThan === undefined ? undefined : parseDuration(olderThan, { name: '--older-than' });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  let store: Store;
  try {
    const { openStore } = await import('@footfall/collector');
    store = await openStore(spec);
  } catch (error) {
    throw new InputError(`${spec}: cannot open the store (${(error as Error).message}); if footfall serve has it open, erase through DELETE /v1/persons/:id`);
  }
  try {
    const done: { id: string; person: string; removed: number }[] = [];
    for (const id of persons) {
      const { person, removed } = await store.forget(id);
      done.push({ id, person, removed });
    }
    const before = ageMs === undefined ? undefined : Date.now() - ageMs;
    const expired = before === undefined ? undefined : { before, removed: (await store.expire(before)).removed };
    const removed = done.reduce((sum, p) => sum + p.removed, 0) + (expired?.removed ?? 0);
    printJson(io, { removed, persons: done, ...(expired ? { expired } : {}) });
    return 0;
  } catch (error) {
    throw new InputError(`${spec}: ${(error as Error).message}`);
  } finally {
    await store.close();
  }
}

/** `footfall forget`: erase a person, or events past retention, from a store. */
export const forget: Command = {
  name: 'forget',
  summary: 'erase a person (every stitched device) or old events from a store, files included',
  help,
  flags: { person: { type: 'string', multiple: true }, 'older-than': { type: 'string' } },
  run,
};
