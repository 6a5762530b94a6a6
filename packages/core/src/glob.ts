/**
 * Globs from requests (step matchers, heatmap pages, path cleaning) in linear time
 * (docs/core.md, "Hostile input"): `*` is any run of characters, `/` included; every other
 * character is itself. A regular expression would backtrack (`*a*a*a*a*b` over a long path
 * took seconds); here the text between the glob's first and last literal is searched for each
 * middle literal in turn, leftmost first, with Knuth–Morris–Pratt, which is exact for `*`-only
 * globs and reads each character of the text a bounded number of times: O(text + glob).
 */

/** Counts the character comparisons of a match, for tests that check the bound. */
export interface GlobSteps {
  count: number;
}

/** A compiled glob: does it match the whole of `text`? */
export type GlobMatcher = (text: string, steps?: GlobSteps) => boolean;

/** KMP failure table of a literal. */
function failures(word: string): Int32Array {
  const f = new Int32Array(word.length);
  let k = 0;
  for (let i = 1; i < word.length; i++) {
    while (k > 0 && word[i] !== word[k]) k = f[k - 1];
    if (word[i] === word[k]) k++;
    f[i] = k;
  }
  return f;
}

/**
 * Compiles a glob once into a linear matcher.
 *
 * @example
 * ```ts
 * const m = compileGlob('/checkout/*');
 * m('/checkout/payment'); // true
 * m('/cart'); // false
 * ```
 */
export function compileGlob(glob: string): GlobMatcher {
  const parts = glob.split('*');
  if (parts.length === 1) return (text, steps) => {
    if (steps) steps.count += Math.min(text.length, glob.length) + 1;
    return text === glob;
  };
  const head = parts[0];
  const tail = parts[parts.length - 1];
  const middles = parts.slice(1, -1).filter((p) => p !== '').map((word) => ({ word, f: failures(word) }));
  const fixed = head.length + tail.length;
  return (text, steps) => {
    if (steps) steps.count += fixed + 1;
    if (text.length < fixed || !text.startsWith(head) || !text.endsWith(tail)) return false;
    let at = head.length;
    const end = text.length - tail.length;
    for (const { word, f } of middles) {
      // KMP: the first occurrence of `word` in text[at, end).
      let k = 0;
      let found = -1;
      for (let i = at; i < end; i++) {
        if (steps) steps.count++;
        while (k > 0 && text[i] !== word[k]) {
          k = f[k - 1];
          if (steps) steps.count++;
        }
        if (text[i] === word[k]) k++;
        if (k === word.length) {
          found = i + 1;
          break;
        }
      }
      if (found < 0) return false;
      at = found;
    }
    return true;
  };
}
