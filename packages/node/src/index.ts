/**
 * `@footfall/node`: the Node-only parts of Footfall that are not the collector: streaming
 * NDJSON readers, the seeded demo-shop generator (the generator itself runs anywhere and
 * has its own entry, `@footfall/node/demo`), the server-side tracker and the importers.
 */
export { readEvents, type ReadEventsOptions } from './read-events.js';
export { generateDemo, DEMO_FRICTION, DEMO_SOURCES, type DemoOptions } from './demo.js';
export { analyzeFiles, type AnalyzeFilesOptions, type AnalyzerRecipe } from './analyze-files.js';
export {
  createServerTracker,
  type ServerTracker, type ServerTrackerOptions, type ServerTrackerStats, type CallFields, type CartFields, type Person, type SendableEvent,
} from './server-tracker.js';
export { importSegment, segmentToEvents } from './import/import-segment.js';
export { importCsv, checkCsvMapping, parseTimeCell, CSV_KINDS, type CsvKind, type CsvMapping } from './import/import-csv.js';
export { importId, type ImportRecord, type ImportInput } from './import/import-record.js';
