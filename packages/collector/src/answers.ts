/**
 * The JSON text of answers the collector made itself, by answer: the node:http adapter writes
 * that text instead of reading the Response's body back through its Web stream, which cost
 * ~15 µs of CPU per ingest request (docs/collector.md, "Throughput"). The Response keeps its
 * body, so any other runtime reads it as usual; an answer whose body was already read, or
 * that was copied into a new Response, is read the usual way.
 */
export const answerTexts = new WeakMap<Response, string>();

/**
 * `Response.json(value, init)`, with its body's text in `answerTexts` (the same text:
 * `Response.json` serialises with `JSON.stringify`).
 *
 * @example
 * ```ts
 * return jsonAnswer({ accepted: 3, rejected: [] }, { status: 200 });
 * ```
 */
export function jsonAnswer(value: unknown, init?: ResponseInit): Response {
  const response = Response.json(value, init);
  answerTexts.set(response, JSON.stringify(value));
  return response;
}
