/** Streams one NDJSON file (plain or gzip, detected by its magic bytes) line by line. */
import { eachLine, fileChunks } from './file-chunks.js';

/** The lines of a file (`\n` or `\r\n` endings), decoded as UTF-8; never holds more than one chunk and one partial line. */
export async function* fileLines(path: string, label = path): AsyncGenerator<string, void, undefined> {
  for await (const chunk of fileChunks(path, label)) {
    const lines: string[] = [];
    eachLine(chunk, (start, end) => lines.push(chunk.toString('utf8', start, end)));
    yield* lines;
  }
}
