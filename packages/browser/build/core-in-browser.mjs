// A rollup plugin for the browser package's builds: `@footfall/core` (the journey extra's
// analysis, docs/sdk.md#journey) is bundled from its source rather than imported at run time,
// and its user-agent parser is left out: the journey passes no device context, so no user
// agent is ever parsed in the browser (the stub answers "unknown" should one be).
import { fileURLToPath } from 'node:url';

const CORE = fileURLToPath(new URL('../../core/src/index.ts', import.meta.url));
const EVENTS = fileURLToPath(new URL('../../core/src/events.ts', import.meta.url));
const UA_STUB = '\0footfall-ua-stub';
/**
 * The calls of the core's schema kit in `events.ts`, which builds the event schemas: marked
 * pure there (and only there), so that a chunk that imports a constant of `events.ts` but
 * validates nothing (the journey) leaves the schemas out.
 */
const SCHEMA_CALL = /(?<![\w.]|function )\b(object|string|number|boolean|oneOf|optional|array|jsonObject|refine|personal)\(/g;

export const coreInBrowser = () => ({
  name: 'footfall-core-in-browser',
  resolveId: (id) => (id === '@footfall/core' ? CORE : id === 'ua-parser-js' ? UA_STUB : null),
  load: (id) => (id === UA_STUB ? 'export default function UAParser() { return { browser: {}, os: {}, device: {} }; }' : null),
  transform: (code, id) => (id === EVENTS ? { code: code.replace(SCHEMA_CALL, '/* @__PURE__ */ $1('), map: null } : null),
});
