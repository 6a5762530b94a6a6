import { HttpFailure } from './http-error.js';

const TYPES = ['application/json', 'text/plain'];
/** Fatal: bytes that are not UTF-8 would each become U+FFFD, and two different ids one. */
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Bodies a server adapter already holds in memory, by request: the node:http adapter
 * registers the bytes it buffered so the handler skips a Web stream round trip. Any
 * other runtime simply leaves this empty and the body is read as a stream.
 */
export const bufferedBodies = new WeakMap<Request, Uint8Array>();

/**
 * Reads a batch body as text: checks the media type (415), the size before and after
 * gunzip (413) and `Content-Encoding` (gzip or none). Fetch API only, so it runs on any runtime.
 */
export async function readBatchBody(request: Request, maxBytes: number): Promise<string> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (!TYPES.includes(type)) {
    throw new HttpFailure(415, 'UNSUPPORTED_MEDIA_TYPE', `Content-Type "${type || '(none)'}" is not accepted: send application/json, or text/plain from sendBeacon`);
  }
  const length = Number(request.headers.get('content-length') ?? '0');
  if (length > maxBytes) throw tooLarge(maxBytes);
  const encoding = (request.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip') {
    throw new HttpFailure(415, 'UNSUPPORTED_MEDIA_TYPE', `Content-Encoding "${encoding}" is not accepted: send gzip or no encoding`);
  }
  const buffered = bufferedBodies.get(request);
  if (buffered && encoding === 'identity') {
    if (buffered.byteLength > maxBytes) throw tooLarge(maxBytes);
    return decode(buffered);
  }
  if (!buffered && !request.body) return '';
  let stream: ReadableStream<Uint8Array> = buffered ? new Blob([buffered as Uint8Array<ArrayBuffer>]).stream() : request.body!;
  if (encoding === 'gzip') {
    const raw = await readAll(stream, maxBytes);
    stream = new Blob([raw as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
  }
  let bytes: Uint8Array;
  try {
    bytes = await readAll(stream, maxBytes);
  } catch (error) {
    if (error instanceof HttpFailure) throw error;
    throw new HttpFailure(400, 'INVALID_ENVELOPE', `the gzip body could not be decompressed: ${(error as Error).message}. Send a valid gzip stream`, { cause: error });
  }
  return decode(bytes);
}

function decode(bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes);
  } catch (cause) {
    throw new HttpFailure(400, 'INVALID_ENVELOPE', 'the body is not valid UTF-8: send JSON encoded as UTF-8', { cause });
  }
}

function tooLarge(maxBytes: number): HttpFailure {
  return new HttpFailure(413, 'PAYLOAD_TOO_LARGE', `the body is larger than ${maxBytes} bytes: send fewer events per batch (at most 500, ${maxBytes} bytes)`);
}

/** Reads a stream to its end, failing with 413 once more than `maxBytes` arrived. */
async function readAll(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
