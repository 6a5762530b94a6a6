/** The script tag's `recent` chunk, `dist/footfall-recent.js`: keeps recent events for the journey (docs/sdk.md#journey). */
export { keepRecent as start } from '../recent.js';
