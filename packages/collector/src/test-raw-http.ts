import { connect } from 'node:net';

/** One raw HTTP exchange: what came back (status line parsed) before the server closed or `waitMs` passed. */
export interface RawAnswer {
  status: number | undefined;
  text: string;
  /** Whether the server closed the connection. */
  closed: boolean;
}

/**
 * Sends bytes over a fresh TCP connection to 127.0.0.1 and reads the answer (tests and the
 * fuzzer only). Resolves at the first complete answer with `Content-Length`, when the
 * server closes, or after `waitMs`.
 */
export function rawRequest(port: number, data: string | Uint8Array, options: { waitMs?: number; keepSending?: () => string | undefined } = {}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let settled = false;
    const finish = (closed: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : undefined, text, closed });
    };
    const timer = setTimeout(() => finish(false), options.waitMs ?? 3000);
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      const head = text.indexOf('\r\n\r\n');
      if (head < 0) return;
      const length = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, head));
      if (length && text.length - head - 4 >= Number(length[1])) finish(false);
    });
    socket.on('connect', () => {
      socket.write(data);
      if (options.keepSending) {
        const pump = () => {
          const more = options.keepSending!();
          if (more === undefined || settled || socket.destroyed) return;
          if (socket.write(more)) setImmediate(pump);
          else socket.once('drain', pump);
        };
        pump();
      }
    });
  });
}
