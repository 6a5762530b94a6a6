// The core's public index exports what users need and keeps internals off it
// (docs/core.md, "What the package exports, and how it names things").
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as core from './index.js';

/** Modules that are internals as a whole: none of their values is on the index. */
const INTERNAL_MODULES = ['sketch', 'stats', 'frustration', 'bottleneck-ranking', ...readdirSync(fileURLToPath(new URL('./lib', import.meta.url))).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => `lib/${f.slice(0, -3)}`)];
/** Values of public modules that are internals (the journey model's node names, the state helpers behind createBottlenecks). */
const INTERNAL_VALUES = ['JOURNEY_START', 'JOURNEY_CONVERSION', 'JOURNEY_EXIT', 'emptyJourneySignals', 'addJourneySignals', 'mergeJourneySignals', 'journeyBottlenecks', 'journeySignalOptions', 'markEvent', 'mergePage', 'closeSession', 'pageAgg', 'addPair'];

/** Public values that live in lib/ beside its helpers: the person bounds docs/core.md states, the friction signal names the dashboard links. */
const PUBLIC_IN_LIB = new Set(['PERSON_BOUNDS', 'FRICTION_SIGNALS']);

describe('@footfall/core public index', () => {
  it('exports what users need: events and checks, the pipeline, every analyzer, the option table and shared rules', () => {
    for (const name of [
      'validateEvent', 'checkEnvelope', 'FootfallError', 'normalize', 'eventNormalizer', 'analyze', 'analyzeStream',
      'createFunnel', 'createPaths', 'createPages', 'createHeatmap', 'createBottlenecks', 'createKpis', 'createAttribution', 'createChannels',
      'createEmail', 'createService', 'createProducts', 'createPersons', 'createPersonProfile', 'createJourneyModel', 'createStages', 'createVitals',
      'ANALYSIS_OPTIONS', 'parseAnalysisOptions', 'createAnalysis', 'parseSessionFilter',
      'stitchedPerson', 'identityLinks', 'personSlice', 'parseState', 'stateMessage', 'DEFAULT_SESSION_GAP_MS', 'DEFAULT_FUNNEL_STEPS', 'rateVital', 'parseDuration',
    ]) expect(core, name).toHaveProperty(name);
  });

  it('keeps internals off it: sketches, the z-test and erfc, the rage tracker, the journey model node names, analyzer state helpers', async () => {
    const internal = [...INTERNAL_VALUES];
    for (const m of INTERNAL_MODULES) internal.push(...Object.keys(await import(`./${m}.js`)));
    expect(internal).toEqual(expect.arrayContaining(['erfc', 'twoProportionZTest', 'sketchQuantile', 'countRageRuns', 'trackRage', 'RAGE_MIN_CLICKS', 'defineAnalyzer', 'fnv1a', 'rankBottlenecks']));
    expect(internal.filter((name) => !PUBLIC_IN_LIB.has(name) && Object.hasOwn(core, name))).toEqual([]);
  });
});
