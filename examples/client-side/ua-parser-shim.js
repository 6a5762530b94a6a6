// ua-parser-js 1.x ships UMD only: loaded as a module it sets window.UAParser. Re-export it
// so the core's `import UAParser from 'ua-parser-js'` works without a bundler.
import '../../node_modules/ua-parser-js/dist/ua-parser.min.js';
export default window.UAParser;
