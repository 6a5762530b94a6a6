// Types of serve.mjs, for the tests that start the example.
import type { FootfallEvent } from '@footfall/core';
import type { Store } from '@footfall/collector';

/** Glob cleaning rules of the example shop's paths. */
export declare const CLEAN: [string, string][];

/** Starts the example on `port` (0: any free one). */
export declare function startExample(options?: { port?: number; history?: FootfallEvent[] }): Promise<{ url: string; store: Store; close: () => Promise<void> }>;
