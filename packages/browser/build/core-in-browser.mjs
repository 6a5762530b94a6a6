// A rollup plugin for the browser package's builds: `@footfall/core` (the journey extra's
// analysis, docs/sdk.md#journey) is bundled from its source rather than imported at run time,
// and its user-agent parser is left out: the journey passes no device context, so no user
// agent is ever parsed in the browser (the stub answers "unknown" should one be).
import { fileURLToPath } from 'node:url';

const CORE = fileURLToPath(new URL('../../core/src/index.ts', import.meta.url));
const UA_STUB = '\0footfall-ua-stub';

export const coreInBrowser = () => ({
  name: 'footfall-core-in-browser',
  resolveId: (id) => (id === '@footfall/core' ? CORE : id === 'ua-parser-js' ? UA_STUB : null),
  load: (id) => (id === UA_STUB ? 'export default function UAParser() { return { browser: {}, os: {}, device: {} }; }' : null),
});
