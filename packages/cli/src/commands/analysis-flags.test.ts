// CLI flags and query parameters are one vocabulary: every analysis command declares
// exactly the core's option table as its flags (plus the shared --channel, --device and
// --strict), the query API reads the same table, and the docs list the same names.
import { readFileSync } from 'node:fs';
import { ANALYSIS_NAMES, ANALYSIS_OPTIONS, type AnalysisName } from '@footfall/core';
import { QUERY_NAMES, createQueryAnalyzer, queryFilter } from '@footfall/collector';
import { describe, expect, it } from 'vitest';
import { commands } from '../commands.js';
import { analyzerOf } from './analysis-flags.js';
import { sessionFilterOf } from './session-filter-flags.js';

const SHARED = ['channel', 'device', 'strict'];
/** Output flags a command adds beside its options (`persons --csv`). */
const OUTPUT: Partial<Record<AnalysisName, string[]>> = { persons: ['csv'] };
const doc = (name: string) => readFileSync(new URL(`../../../../docs/${name}`, import.meta.url), 'utf8');
const section = (text: string, heading: string) => text.slice(text.indexOf(heading), text.indexOf('\n## ', text.indexOf(heading) + 1));
/** Every option at its example value, as flags and as query parameters. */
const examples = (name: AnalysisName) => {
  const options = ANALYSIS_OPTIONS[name];
  const values = Object.fromEntries(options.map((o) => [o.name, o.multiple ? [o.example, o.example] : [o.example]]));
  return {
    args: { values, positionals: ['-'] },
    params: new URLSearchParams(options.flatMap((o) => values[o.name].map((v) => [o.name, v]))),
  };
};

describe('analysis options: one vocabulary for flags and query parameters', () => {
  it('the query API answers exactly the analyses', () => {
    expect([...QUERY_NAMES]).toEqual([...ANALYSIS_NAMES]);
  });

  it.each(ANALYSIS_NAMES)('footfall %s declares the option table as its flags, and nothing else of its own', (name) => {
    const command = commands.find((c) => c.name === name)!;
    expect(command, name).toBeDefined();
    const own = Object.entries(command.flags).filter(([flag]) => !SHARED.includes(flag) && !(OUTPUT[name] ?? []).includes(flag));
    expect(own.map(([flag]) => flag).sort()).toEqual(ANALYSIS_OPTIONS[name].map((o) => o.name).sort());
    for (const o of ANALYSIS_OPTIONS[name]) expect(command.flags[o.name], o.name).toEqual(o.multiple ? { type: 'string', multiple: true } : { type: 'string' });
    for (const o of ANALYSIS_OPTIONS[name]) expect(command.help, `--${o.name} in footfall ${name} --help`).toContain(`--${o.name}`);
  });

  it.each(ANALYSIS_NAMES)('%s: the same values as flags and as parameters make the same analyzer', (name) => {
    const { args, params } = examples(name);
    const fromFlags = analyzerOf(name, args);
    const fromQuery = createQueryAnalyzer(name, params);
    expect(JSON.stringify(fromQuery.state)).toEqual(JSON.stringify(fromFlags.state));
    expect(JSON.stringify(fromQuery.result())).toEqual(JSON.stringify(fromFlags.result()));
  });

  it.each(ANALYSIS_NAMES)('%s: docs/cli.md and docs/collector.md list the same names', (name) => {
    const cli = section(doc('cli.md'), `## footfall ${name}`);
    const row = doc('collector.md').split('\n').find((line) => line.startsWith(`| \`/v1/${name}\``))!;
    expect(row, `/v1/${name} row`).toBeDefined();
    for (const o of ANALYSIS_OPTIONS[name]) {
      expect(cli, `--${o.name} in docs/cli.md`).toContain(`--${o.name}`);
      expect(row, `${o.name} in docs/collector.md`).toContain(`\`${o.name}\``);
    }
  });

  it('a bad value gets the same message, named as a flag or as a parameter', () => {
    expect(() => analyzerOf('funnel', { values: { step: ['page:/'], window: ['soon'] }, positionals: [] })).toThrow('--window "soon" is not a duration');
    expect(() => createQueryAnalyzer('funnel', new URLSearchParams('step=page:/&window=soon'))).toThrow('window "soon" is not a duration');
    expect(() => analyzerOf('bottlenecks', { values: { alpha: ['2'] }, positionals: [] })).toThrow('--alpha "2" is not a number between 0 and 1');
    expect(() => createQueryAnalyzer('bottlenecks', new URLSearchParams('alpha=2'))).toThrow('alpha "2" is not a number between 0 and 1');
  });

  it('the filters --channel/--device and channel=/device= are one parser: same filter, same message', () => {
    for (const [channel, device] of [['email', 'mobile'], [' google/cpc ', 'desktop'], ['', 'tablet']] as const) {
      const flags = sessionFilterOf({ values: { channel, device }, positionals: [] });
      expect(queryFilter(new URLSearchParams({ channel, device }))).toEqual(flags);
    }
    expect(() => sessionFilterOf({ values: { device: 'phone' }, positionals: [] })).toThrow('--device "phone" is not a device class: pick one of desktop, tablet, mobile');
    expect(() => queryFilter(new URLSearchParams('device=phone'))).toThrow(/^device "phone" is not a device class: pick one of desktop, tablet, mobile$/);
  });
});
