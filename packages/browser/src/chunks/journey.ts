/** The script tag's `journey` chunk, `dist/footfall-journey.js` (docs/sdk.md#journey). */
export { startJourney as start } from '../journey.js';
