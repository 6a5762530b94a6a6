// The SQL a backend developer would write for each analyzer, for DuckDB and for chDB
// (in-process ClickHouse), over the raw NDJSON file. Both stitch identity as docs/core.md
// says (an anonymousId seen with a userId belongs to the first such user, by time; an event
// with a userId belongs to it) and take sessions from the client's `sessionId`, which every
// demo event carries. What they leave out, and the core does not: dedupe by `id`, validation
// of every line, sessions cut by inactivity, channels.

/** The funnel the bench runs: 4 steps, the CLI's default window (14 days). */
export const FUNNEL = { steps: ['page:/', 'page:/product/*', 'cart:add', 'cart:purchase'], windowMs: 14 * 86_400_000 };
/** Path rewrites for `paths`, as the CLI's --clean and `createPaths({ clean })` take them: a glob rewrites the whole path it matches. */
export const CLEAN = [['/product/*', '/product/*'], ['/category/*', '/category/*']];
/** The same rewrites as SQL regular expressions. */
const CLEAN_SQL = [['^/product/.*', '/product/*'], ['^/category/.*', '/category/*']];
/** Two-sided p < 0.01 ⇔ |z| > 2.5758 (the CLI's default alpha); groups of 30 or more. */
const Z = 2.5758293035489;
const MIN_GROUP = 30;
/** The page signals the SQL ranks (the core's journey signals need sources the SQL does not read). */
export const PAGE_SIGNALS = ['poor-lcp', 'poor-inp', 'poor-cls', 'rage-clicks', 'dead-clicks', 'error'];

const COLUMNS = {
  id: 'VARCHAR', type: 'VARCHAR', ts: 'BIGINT', anonymousId: 'VARCHAR', userId: 'VARCHAR', sessionId: 'VARCHAR', url: 'VARCHAR',
  action: 'VARCHAR', name: 'VARCHAR', metric: 'VARCHAR', value: 'DOUBLE', rating: 'VARCHAR', depth: 'DOUBLE', rage: 'BOOLEAN', dead: 'BOOLEAN',
};
const CH_TYPES = { VARCHAR: 'Nullable(String)', BIGINT: 'Int64', DOUBLE: 'Nullable(Float64)', BOOLEAN: 'Nullable(UInt8)' };

/** DuckDB: load the file into table `raw`. */
export const duckLoad = (file) => `CREATE TABLE raw AS SELECT * FROM read_json(${quote(file)}, format = 'newline_delimited',
  columns = {${Object.entries(COLUMNS).map(([k, t]) => `${k}: '${t}'`).join(', ')}})`;

/** chDB: the file as a table function. */
export const chSource = (file) => `file(${quote(file)}, 'JSONEachRow', '${Object.entries(COLUMNS).map(([k, t]) => `${k} ${k === 'type' || k === 'id' ? 'String' : CH_TYPES[t]}`).join(', ')}')`;

const quote = (s) => `'${String(s).replaceAll("'", "''")}'`;
const stepCase = (path, action) => `CASE
      WHEN type = 'page' AND ${path} = '/' THEN 1
      WHEN type = 'page' AND ${path} LIKE '/product/%' THEN 2
      WHEN type = 'cart' AND ${action} = 'add' THEN 3
      WHEN type = 'cart' AND ${action} = 'purchase' THEN 4 END`;

/** DuckDB: stitched events `ev` (person, path) as a CTE prefix. */
const duckEv = `links AS (SELECT anonymousId AS anon, arg_min(userId, ts) AS uid FROM raw WHERE userId IS NOT NULL AND anonymousId IS NOT NULL GROUP BY anonymousId),
  ev AS (SELECT raw.*, coalesce(raw.userId, links.uid, raw.anonymousId) AS person, regexp_extract(url, '^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]*([^?#]*)', 1) AS path
         FROM raw LEFT JOIN links ON links.anon = raw.anonymousId)`;

/** DuckDB SQL per analyzer; each returns rows the runner prints. */
export const duckSql = {
  // Greedy per attempt: from every step-1 event the earliest next step after the previous
  // one, within the window of the attempt's start; a person counts at their furthest step.
  funnel: `WITH ${duckEv},
    e AS (SELECT person, ts, ${stepCase('path', 'action')} AS step FROM ev),
    s1 AS (SELECT person, ts AS t1 FROM e WHERE step = 1),
    s2 AS (SELECT s1.person, s1.t1, min(e.ts) AS t2 FROM s1 JOIN e ON e.person = s1.person AND e.step = 2 AND e.ts > s1.t1 AND e.ts <= s1.t1 + ${FUNNEL.windowMs} GROUP BY ALL),
    s3 AS (SELECT s2.person, s2.t1, min(e.ts) AS t3 FROM s2 JOIN e ON e.person = s2.person AND e.step = 3 AND e.ts > s2.t2 AND e.ts <= s2.t1 + ${FUNNEL.windowMs} GROUP BY ALL),
    s4 AS (SELECT s3.person, s3.t1, min(e.ts) AS t4 FROM s3 JOIN e ON e.person = s3.person AND e.step = 4 AND e.ts > s3.t3 AND e.ts <= s3.t1 + ${FUNNEL.windowMs} GROUP BY ALL)
    SELECT (SELECT count(DISTINCT person) FROM s1), (SELECT count(DISTINCT person) FROM s2), (SELECT count(DISTINCT person) FROM s3),
           (SELECT count(DISTINCT person) FROM s4), (SELECT count(DISTINCT person) FROM ev)`,
  // One path per session (page paths cleaned, cart:ACTION, track:NAME), consecutive
  // duplicates collapsed, 5 steps deep: the Sankey links and the top paths.
  paths: `WITH ${duckEv},
    items AS (SELECT sessionId AS s, ts, id, CASE WHEN type = 'page' THEN ${CLEAN_SQL.reduce((sql, [re, to]) => `regexp_replace(${sql}, ${quote(re)}, ${quote(to)})`, 'path')}
                WHEN type = 'cart' THEN 'cart:' || action ELSE 'track:' || name END AS item FROM ev WHERE type IN ('page', 'cart', 'track')),
    marked AS (SELECT s, ts, id, item, lag(item) OVER (PARTITION BY s ORDER BY ts, id) AS prev FROM items),
    seq AS (SELECT s, item, row_number() OVER (PARTITION BY s ORDER BY ts, id) AS depth FROM marked WHERE prev IS DISTINCT FROM item),
    cut AS (SELECT * FROM seq WHERE depth <= 5),
    sankey AS (SELECT a.depth, a.item AS source, b.item AS target, count(*) AS value FROM cut a JOIN cut b ON a.s = b.s AND b.depth = a.depth + 1 GROUP BY ALL),
    top AS (SELECT p, count(*) AS n FROM (SELECT string_agg(item, ' > ' ORDER BY depth) AS p FROM cut GROUP BY s) GROUP BY p ORDER BY n DESC, p LIMIT 10)
    SELECT 'links', count(*), sum(value) FROM sankey UNION ALL SELECT p, n, NULL FROM top`,
  // Per URL path: views, sessions, entries, bounces, exits, mean time on page, p75 vitals,
  // median of each session's deepest scroll, rage and dead clicks.
  pages: `WITH ${duckEv},
    pv AS (SELECT sessionId AS s, path, ts, lead(ts) OVER w AS next_ts, row_number() OVER w AS n, count(*) OVER (PARTITION BY sessionId) AS pages
           FROM ev WHERE type = 'page' WINDOW w AS (PARTITION BY sessionId ORDER BY ts, id)),
    views AS (SELECT path, count(*) AS views, count(DISTINCT s) AS sessions, count(*) FILTER (WHERE n = 1) AS entries,
              count(*) FILTER (WHERE n = 1 AND pages = 1) AS bounces, count(*) FILTER (WHERE next_ts IS NULL) AS exits, avg(next_ts - ts) AS time_ms FROM pv GROUP BY path),
    vit AS (SELECT path, quantile_cont(value, 0.75) FILTER (WHERE metric = 'LCP') AS lcp, quantile_cont(value, 0.75) FILTER (WHERE metric = 'INP') AS inp,
            quantile_cont(value, 0.75) FILTER (WHERE metric = 'CLS') AS cls FROM ev WHERE type = 'vitals' GROUP BY path),
    scr AS (SELECT path, median(d) AS scroll FROM (SELECT sessionId, path, max(depth) AS d FROM ev WHERE type = 'scroll' GROUP BY ALL) GROUP BY path),
    clk AS (SELECT path, count(*) FILTER (WHERE rage) AS rage, count(*) FILTER (WHERE dead) AS dead FROM ev WHERE type = 'click' GROUP BY path)
    SELECT * FROM views LEFT JOIN vit USING (path) LEFT JOIN scr USING (path) LEFT JOIN clk USING (path) ORDER BY views DESC, path`,
  // Per page × friction signal: sessions that met it there against those that did not,
  // conversion = a purchase in the session; two-proportion z-test, ranked by lost conversions.
  bottlenecks: `WITH ${duckEv},
    conv AS (SELECT sessionId AS s, bool_or(type = 'cart' AND action = 'purchase') AS c FROM ev GROUP BY 1),
    visits AS (SELECT DISTINCT sessionId AS s, path FROM ev WHERE type = 'page'),
    met AS (SELECT DISTINCT s, path, signal FROM (SELECT sessionId AS s, path, CASE
              WHEN type = 'vitals' AND rating = 'poor' AND metric = 'LCP' THEN 'poor-lcp'
              WHEN type = 'vitals' AND rating = 'poor' AND metric = 'INP' THEN 'poor-inp'
              WHEN type = 'vitals' AND rating = 'poor' AND metric = 'CLS' THEN 'poor-cls'
              WHEN type = 'click' AND rage THEN 'rage-clicks' WHEN type = 'click' AND dead THEN 'dead-clicks'
              WHEN type = 'error' THEN 'error' END AS signal FROM ev) WHERE signal IS NOT NULL),
    grid AS (SELECT v.path, g.signal, met.s IS NOT NULL AS affected, conv.c FROM visits v CROSS JOIN (SELECT unnest([${PAGE_SIGNALS.map(quote).join(', ')}]) AS signal) g
             LEFT JOIN met ON met.s = v.s AND met.path = v.path AND met.signal = g.signal JOIN conv ON conv.s = v.s),
    st AS (SELECT path, signal, count(*) FILTER (WHERE affected) AS na, count(*) FILTER (WHERE affected AND c) AS ca,
           count(*) FILTER (WHERE NOT affected) AS nu, count(*) FILTER (WHERE NOT affected AND c) AS cu FROM grid GROUP BY ALL),
    z AS (SELECT *, ca / na AS cra, cu / nu AS cru, (ca + cu) / (na + nu) AS p FROM st WHERE na >= ${MIN_GROUP} AND nu >= ${MIN_GROUP})
    SELECT path, signal, na, cra, cru, na * (cru - cra) AS lost FROM z
    WHERE cra < cru AND p > 0 AND p < 1 AND (cru - cra) / sqrt(p * (1 - p) * (1 / na + 1 / nu)) > ${Z} ORDER BY lost DESC, path, signal`,
};

/** chDB: load the file into the in-memory table `raw`. */
export const chLoad = (file) => `CREATE TABLE raw ENGINE = Memory AS SELECT * FROM ${chSource(file)}`;

const chEv = `(SELECT r.*, coalesce(r.userId, l.uid, r.anonymousId) AS person, extract(assumeNotNull(r.url), '^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]*([^?#]*)') AS path
     FROM raw AS r LEFT JOIN (SELECT anonymousId AS anon, argMin(userId, ts) AS uid FROM raw WHERE userId IS NOT NULL AND anonymousId IS NOT NULL GROUP BY anonymousId) AS l
     ON l.anon = r.anonymousId)`;

/** chDB (ClickHouse) SQL: the funnel through windowFunnel, and page views. */
export const chSql = {
  funnel: `SELECT countIf(level >= 1), countIf(level >= 2), countIf(level >= 3), countIf(level >= 4), count() FROM (
      SELECT person, windowFunnel(${FUNNEL.windowMs})(toUInt64(ts), type = 'page' AND path = '/', type = 'page' AND path LIKE '/product/%',
        type = 'cart' AND action = 'add', type = 'cart' AND action = 'purchase') AS level FROM ${chEv} GROUP BY person)
      SETTINGS join_use_nulls = 1`,
  pages: `SELECT path, count() AS views, uniqExact(sessionId) AS sessions FROM ${chEv} WHERE type = 'page' GROUP BY path ORDER BY views DESC, path
      SETTINGS join_use_nulls = 1`,
};
