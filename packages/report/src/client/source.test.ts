import { DEFAULT_FUNNEL_STEPS } from '@footfall/core';
import { describe, expect, it } from 'vitest';
import { apiSource } from './source.js';

describe('dashboard source', () => {
  it('starts the funnel with the core’s default steps (docs/metrics.md)', () => {
    expect(apiSource('', () => undefined).defaultSteps()).toEqual([...DEFAULT_FUNNEL_STEPS]);
  });
});
