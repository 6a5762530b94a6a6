// Hostile HTTP requests for the collector's fuzz suites (docs/collector.md, "Limits and
// hardening"): the unit fuzz test in `npm test` and `npm run fuzz` share this generator. Every
// request is built from a seeded generator, so a failure replays from its seed and number.
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';

/** A seeded generator (mulberry32): `next()` in [0, 1). */
export function createRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (list) => list[int(list.length)];
  const chance = (p) => next() < p;
  return { next, int, pick, chance };
}

const PROTO = Object.getOwnPropertyNames(Object.prototype);
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE', 'TRACK', 'PROPFIND', 'PURGE', 'SEARCH', 'get', 'G\x00T', 'CONNECT'];
const PATHS = ['/', '/index.html', '/v1/batch', '/v1/kpis', '/v1/funnel', '/v1/paths', '/v1/pages', '/v1/heatmap', '/v1/bottlenecks', '/v1/attribution', '/v1/stats', '/v1/model', '/v1/channels', '/v1/email', '/v1/service', '/v1/products', '/v1/persons', '/v1/persons/__proto__', '/v1/persons/constructor', '/v1/persons/%E0%A4%A', `/v1/persons/${'p'.repeat(300)}`, '/v1/nothing', '/shop/', '/shop/%E0%A4%A', '/shop/%', '/shop/../../etc/passwd', '/shop/%2e%2e/%2e%2e/x', '/sdk/footfall.js', '//evil.example/x', '/\\evil', '/%00', `/${'a'.repeat(3000)}`];
const TARGETS = ['*', 'http://other.example/', 'https://x/v1/kpis', 'other.example:443', '', '?a=1', '/ /', '/\x01'];
const HOSTS = ['x', 'localhost:8787', '127.0.0.1', '[::1]:80', '[', 'x:70000', 'user:pass@host', '', 'a b', 'x:-1', '[::1', 'example.com:99999999999', `${'h'.repeat(300)}`];
const QUERY = [
  'from=99999999999999999999999', 'to=9223372036854775808', 'from=-1', 'from=1e3', 'to=%ZZ', 'step=page:*a*a*a*a*a*a*a*a*b', `step=page:${'*a'.repeat(200)}b`,
  'step=pgae:/', 'step=page:', 'step=page:/&step=cart:purchase', 'window=1e400d', `window=1${'%20'.repeat(500)}x`, 'window=14d', 'mode=weird', 'clean=(((a+)+)+)$=x',
  `clean=${'*a'.repeat(100)}=x`, 'clean==x', 'breakdown=__proto__', 'breakdown=constructor', 'channel=%ZZ', 'device=toaster', 'retention-day=123456789012', 'retention-day=7',
  'steps=99999999999999999999', 'min-group=-5', 'alpha=2', 'signal=nope', 'kind=smell', 'page=*a*a*a*a*b', 'engine=store', 'writeKey=__proto__', 'model=markov', 'conversion=track:*',
  'timeline=day', 'stage=__proto__', 'sort=constructor', 'limit=99999999999', 'token=nope', 'a=%', '%=%', `x=${'y'.repeat(4000)}`,
];

const json = (v) => JSON.stringify(v);
const nested = (depth) => '['.repeat(depth) + ']'.repeat(depth);

/** One event: mostly valid, sometimes hostile in one field. */
function event(rng, id, t) {
  const person = rng.chance(0.3) ? rng.pick(PROTO) : `p${rng.int(50)}`;
  const e = { id, type: rng.pick(['page', 'page', 'track', 'cart', 'click', 'identify']), ts: t - rng.int(60_000), anonymousId: person, url: `https://shop.test/${rng.pick(['', 'cart', 'product/1', rng.pick(PROTO)])}` };
  if (e.type === 'track') e.name = rng.pick(['signup', ...PROTO]);
  if (e.type === 'cart') Object.assign(e, { action: rng.pick(['add', 'purchase', 'checkout']), value: rng.int(100), orderId: rng.pick(PROTO) });
  if (e.type === 'click') Object.assign(e, { selector: rng.pick(['#b', ...PROTO]), tag: 'a', x: 1, y: 2, rx: 0.5, ry: 0.5, vw: 1280, vh: 800, dh: 3000 });
  if (e.type === 'identify') e.userId = rng.pick(['u1', ...PROTO]);
  if (rng.chance(0.2)) e.userId = rng.pick(['u1', 'u2', ...PROTO]);
  if (rng.chance(0.1)) e.agent = { device: 'desktop', browser: 'Spoof' };
  if (rng.chance(0.1)) e.clientTs = 5;
  if (rng.chance(0.2)) e.props = { plan: rng.pick(PROTO), n: rng.int(9) };
  if (rng.chance(0.1)) e.ctx = { ua: 'Mozilla/5.0', vw: rng.pick([390, 1024, 1400]) };
  return e;
}

/** JSON text of an event with one hostile twist the JS value cannot carry (deep nesting, lone surrogates). */
function hostileEventText(rng, id, t) {
  const base = json({ id, type: 'page', ts: t, anonymousId: 'h', url: '/' }).slice(0, -1);
  switch (rng.int(6)) {
    case 0: return `${base},"x":${nested(rng.pick([17, 100, 5000]))}}`;
    case 1: return `${base},"ctx":{"deep":${nested(50)}}}`;
    case 2: return `${base},"props":{"p":${nested(30)}}}`;
    case 3: return json({ id: `${id}\\ud800`, type: 'page', ts: t, anonymousId: 'h', url: '/' }).replace('\\\\ud800', '\\ud800');
    case 4: return `${base},"junk":"${'x'.repeat(140_000)}"}`;
    default: return json({ id, type: 'page', ts: 'soon', anonymousId: 'h', url: '/' });
  }
}

/**
 * The n-th fuzz request. Returns its raw bytes and, for a batch, the ids of its events in
 * order (`ids[i]` undefined for an event whose id the fuzzer does not track).
 */
export function fuzzRequest(rng, n, options) {
  const token = options.token;
  const t = options.now;
  const kind = rng.pick(['batch', 'batch', 'batch', 'batch', 'retry', 'query', 'query', 'line', 'host', 'body', 'headers', 'static']);
  const head = (method, target, headers, body = '') => {
    const lines = [`${method} ${target} HTTP/1.1`, ...headers];
    if (body !== '' && !headers.some((h) => /^(content-length|transfer-encoding):/i.test(h))) lines.push(`Content-Length: ${Buffer.byteLength(body, 'latin1')}`);
    return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1')]);
  };
  const post = (text, extra = []) => head('POST', '/v1/batch', ['Host: x', 'Content-Type: application/json', 'Connection: close', ...extra], Buffer.from(text, 'utf8'));
  switch (kind) {
    case 'batch':
    case 'retry': {
      if (kind === 'retry' && options.sent.length) {
        const prev = options.sent[rng.int(options.sent.length)];
        return { bytes: prev.bytes, ids: prev.ids, kind };
      }
      const count = 1 + rng.int(rng.chance(0.1) ? 500 : 30);
      const ids = [];
      const texts = [];
      for (let i = 0; i < count; i++) {
        const id = `f${options.seed}-${n}-${i}`;
        if (rng.chance(0.05)) {
          texts.push(hostileEventText(rng, id, t));
          ids.push(undefined);
        } else {
          texts.push(json(event(rng, id, t)));
          ids.push(id);
        }
      }
      const text = `{"v":1,"sentAt":${t},"writeKey":"${rng.pick(['site', 'site', 'other', '__proto__', 'constructor'])}","events":[${texts.join(',')}]}`;
      if (rng.chance(0.15)) return { bytes: head('POST', '/v1/batch', ['Host: x', 'Content-Type: text/plain', 'Content-Encoding: gzip', 'Connection: close'], gzipSync(Buffer.from(text))), ids, kind };
      return { bytes: post(text), ids, kind };
    }
    case 'query': {
      const q = Array.from({ length: rng.int(4) }, () => rng.pick(QUERY)).join('&');
      const auth = rng.chance(0.8) ? [`Authorization: Bearer ${token}`] : [];
      return { bytes: head('GET', `${rng.pick(PATHS.filter((p) => p.startsWith('/v1/')))}?${q}`, ['Host: x', ...auth, 'Connection: close']), kind };
    }
    case 'line':
      return { bytes: head(rng.pick(METHODS), rng.pick([...TARGETS, ...PATHS]), ['Host: x', 'Connection: close']), kind };
    case 'host':
      return { bytes: head(rng.pick(['GET', 'POST', 'OPTIONS']), rng.pick(PATHS), rng.chance(0.2) ? ['Connection: close'] : [`Host: ${rng.pick(HOSTS)}`, 'Connection: close']), kind };
    case 'body': {
      const variants = [
        () => post(`{"v":1,"sentAt":${t},"writeKey":"site","events":[`),
        () => post('\x00\x01\x02garbage'),
        () => head('POST', '/v1/batch', ['Host: x', 'Content-Type: application/json', 'Content-Encoding: gzip', 'Connection: close'], gzipSync(Buffer.alloc(3_000_000, 0x20))),
        () => head('POST', '/v1/batch', ['Host: x', 'Content-Type: application/json', 'Content-Encoding: gzip', 'Connection: close'], Buffer.from('not gzip')),
        () => head('POST', '/v1/batch', ['Host: x', 'Content-Type: application/json', 'Content-Length: 9999999', 'Connection: close'], ''),
        () => head('POST', '/v1/batch', ['Host: x', 'Content-Type: application/json', 'Content-Length: 100', 'Connection: close'], '{"v":1'),
        () => head('POST', '/v1/batch', ['Host: x', 'Content-Type: application/json', 'Transfer-Encoding: chunked', 'Connection: close'], `5\r\n{"v":\r\nZZ\r\n`),
        () => post(json({ v: 1, sentAt: t, writeKey: 'site', events: [] })),
        () => post(json({ v: 2, sentAt: -1, writeKey: '', events: 'x' })),
        () => post(`{"v":1,"sentAt":${t},"writeKey":"site","events":${nested(100_000)}}`),
        () => head('POST', '/v1/batch', ['Host: x', 'Content-Type: image/png', 'Connection: close'], 'x'),
        () => head('POST', '/v1/kpis', ['Host: x', 'Content-Type: application/json', 'Connection: close'], '{}'),
        () => post(Buffer.from([0x7b, 0xed, 0xa0, 0x80, 0x7d]).toString('latin1')),
      ];
      return { bytes: rng.pick(variants)(), kind };
    }
    case 'headers': {
      const junk = [`X-Long: ${'a'.repeat(rng.pick([10, 9000, 20000]))}`, 'X-Ctl: \x7f\x01', 'Content-Length: -1', 'Content-Length: 1, 2', 'Transfer-Encoding: gzip', `Origin: ${rng.pick(['https://evil.example', 'null', '*'])}`, 'Authorization: Bearer ', `Authorization: Bearer ${token}x`, 'Content-Type: ;;;', 'Expect: 100-continue'];
      return { bytes: head(rng.pick(['GET', 'POST', 'OPTIONS']), rng.pick(PATHS), ['Host: x', rng.pick(junk), rng.pick(junk), 'Connection: close'], rng.chance(0.5) ? '{}' : ''), kind };
    }
    default:
      return { bytes: head(rng.pick(['GET', 'HEAD']), rng.pick(PATHS), ['Host: x', 'Connection: close']), kind };
  }
}

/**
 * Sends raw bytes to 127.0.0.1:port (then `keepSending()`'s, while it returns some) and reads
 * the answer: resolves at the first complete answer (by Content-Length, or the header block
 * of an event stream), when the server closes, or after `waitMs`.
 */
export function exchange(port, bytes, waitMs, keepSending) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let settled = false;
    const finish = (closed) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : undefined, text, closed });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return;
      const headers = text.slice(0, end);
      if (/\r\ncontent-type: text\/event-stream/i.test(headers)) return finish(false);
      const length = /\r\ncontent-length: *(\d+)/i.exec(headers);
      if (length && text.length - end - 4 >= Number(length[1])) finish(false);
      else if (!length && /^HTTP\/1\.[01] \d{3}/.test(text) && !/\r\ntransfer-encoding/i.test(headers) && /^HTTP\/1\.[01] (1\d\d|204|304)/.test(text)) finish(false);
    });
    // Never half-close: a node:http server drops an answer still pending when the client sends FIN.
    socket.on('connect', () => {
      socket.write(bytes);
      // More body for as long as the server reads it (`keepSending` returns undefined to stop).
      const pump = () => {
        const more = keepSending?.();
        if (more === undefined || settled || socket.destroyed) return;
        if (socket.write(more)) setImmediate(pump);
        else socket.once('drain', pump);
      };
      pump();
    });
  });
}

/**
 * Runs `count` fuzz requests against 127.0.0.1:port, `concurrency` at a time. Returns the
 * tallies, the ids of every event a 200 answer accepted (what the store must hold once each)
 * and of every event offered in a batch (what the store may hold: an answer can time out).
 */
export async function runFuzz({ port, seed, count, concurrency = 8, token, waitMs = 5000, onProgress }) {
  const rng = createRng(seed);
  const sent = [];
  const accepted = new Set();
  // Every id a batch carried: a batch whose answer the fuzzer gave up waiting for may still be stored.
  const offered = new Set();
  const byStatus = new Map();
  const fiveHundreds = [];
  let unanswered = 0;
  let next = 0;
  const now = Date.now();
  const worker = async () => {
    while (next < count) {
      const n = next++;
      const request = fuzzRequest(rng, n, { token, now, sent, seed });
      for (const id of request.ids ?? []) if (id !== undefined) offered.add(id);
      const answer = await exchange(port, request.bytes, waitMs);
      byStatus.set(answer.status ?? 'none', (byStatus.get(answer.status ?? 'none') ?? 0) + 1);
      if (answer.status === undefined) unanswered++;
      if (answer.status >= 500) fiveHundreds.push({ n, kind: request.kind, head: request.bytes.subarray(0, 200).toString('latin1'), answer: answer.text.slice(0, 600) });
      if (request.ids && answer.status === 200) {
        if (request.kind !== 'retry' && sent.length < 200) sent.push(request);
        const body = answer.text.slice(answer.text.indexOf('\r\n\r\n') + 4);
        const result = JSON.parse(body);
        const rejected = new Set(result.rejected.map((r) => r.index));
        request.ids.forEach((id, i) => {
          if (id !== undefined && !rejected.has(i)) accepted.add(id);
        });
      }
      onProgress?.(n);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { byStatus: Object.fromEntries(byStatus), fiveHundreds, unanswered, accepted, offered };
}
