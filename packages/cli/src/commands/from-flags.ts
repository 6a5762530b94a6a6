/** Core option errors raised while building something from flags become usage errors (exit 1). */
import { FootfallError } from '@footfall/core';
import { UsageError } from '../command.js';

/**
 * Runs `make` (a core call fed with flag values) and rethrows the core's `INVALID_STEP` and
 * `INVALID_OPTION` errors as `UsageError`, so a bad flag exits 1 with the core's message.
 *
 * @example
 * ```ts
 * const analyzer = fromFlags(() => createPaths({ steps: numberFlag(args, 'steps', 1, 1000) }));
 * ```
 */
export function fromFlags<T>(make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (error instanceof FootfallError && (error.code === 'INVALID_STEP' || error.code === 'INVALID_OPTION')) throw new UsageError(error.message);
    throw error;
  }
}
