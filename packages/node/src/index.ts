/**
 * `@footfall/node`: the Node-only parts of Footfall that are not the collector: streaming
 * NDJSON readers and the seeded demo-shop generator (the generator itself runs anywhere and
 * has its own entry, `@footfall/node/demo`).
 */
export { readEvents, type ReadEventsOptions } from './read-events.js';
export { generateDemo, DEMO_FRICTION, type DemoOptions } from './demo.js';
export { analyzeFiles, type AnalyzeFilesOptions, type AnalyzerRecipe } from './analyze-files.js';
