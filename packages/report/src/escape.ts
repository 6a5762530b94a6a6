/**
 * Escapes text for HTML element content and attribute values.
 *
 * @example
 * ```ts
 * escapeHtml('<img src=x onerror=alert(1)>'); // '&#60;img src=x onerror=alert(1)&#62;'
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Serializes `value` for a `<script type="application/json">` element: `<`, `>`, `&` and the
 * JavaScript line separators become `\uXXXX` escapes, so no string from events can close the
 * element (`</script>`) or open a comment, and `JSON.parse` still reads the same value.
 *
 * @example
 * ```ts
 * `<script type="application/json">${jsonForScript({ path: '</script>' })}</script>`;
 * // {"path":"\u003c/script\u003e"}
 * ```
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Makes a script's source safe to inline in `<script>`: no `</script` and no `<!--` can end or confuse it. */
export function inlineScript(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}
