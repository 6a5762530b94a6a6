/** Types of fuzz-requests.mjs (the fuzz suites' shared generator). */
export interface FuzzRng { next(): number; int(n: number): number; pick<T>(list: readonly T[]): T; chance(p: number): boolean }
export function createRng(seed: number): FuzzRng;
export interface FuzzAnswer { status: number | undefined; text: string; closed: boolean }
export function exchange(port: number, bytes: Uint8Array, waitMs: number, keepSending?: () => string | undefined): Promise<FuzzAnswer>;
export interface FuzzResult {
  byStatus: Record<string, number>;
  fiveHundreds: { n: number; kind: string; head: string; answer: string }[];
  unanswered: number;
  accepted: Set<string>;
  offered: Set<string>;
}
export function runFuzz(options: { port: number; seed: number; count: number; concurrency?: number; token: string; waitMs?: number; onProgress?: (n: number) => void }): Promise<FuzzResult>;
