/** The script tag's `vitals` chunk, `dist/footfall-vitals.js` (docs/sdk.md, "Lazy chunks"). */
export { startVitals as start } from '../capture/vitals.js';
