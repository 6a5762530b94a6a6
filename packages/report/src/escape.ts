/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Serializes `value` for a `<script type="application/json">` element: `<`, `>`, `&` and the
 * JavaScript line separators become `\uXXXX` escapes, so no string from events can close the
 * element (`</script>`) or open a comment, and `JSON.parse` still reads the same value.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Makes a script's source safe to inline in `<script>`: no `</script` and no `<!--` can end or confuse it. */
export function inlineScript(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}
