// The 4-step funnel in DuckDB SQL over a relation `e(person, ts, step)` (step 1..4 or NULL):
// every step-1 event opens an attempt, each later step is the first one after the previous
// within the window from step 1; counts are distinct persons per step (docs/metrics.md).
// `withE` is the CTE list that defines `e` (without WITH).
export const funnelSql = (withE, windowMs) => `
    WITH ${withE},
    s1 AS (SELECT person, ts AS t1 FROM e WHERE step = 1),
    s2 AS (SELECT s1.person, s1.t1, min(e.ts) AS t2 FROM s1 JOIN e ON e.person = s1.person AND e.step = 2 AND e.ts > s1.t1 AND e.ts <= s1.t1 + ${windowMs} GROUP BY ALL),
    s3 AS (SELECT s2.person, s2.t1, min(e.ts) AS t3 FROM s2 JOIN e ON e.person = s2.person AND e.step = 3 AND e.ts > s2.t2 AND e.ts <= s2.t1 + ${windowMs} GROUP BY ALL),
    s4 AS (SELECT s3.person, s3.t1, min(e.ts) AS t4 FROM s3 JOIN e ON e.person = s3.person AND e.step = 4 AND e.ts > s3.t3 AND e.ts <= s3.t1 + ${windowMs} GROUP BY ALL)
    SELECT (SELECT count(DISTINCT person) FROM s1), (SELECT count(DISTINCT person) FROM s2),
           (SELECT count(DISTINCT person) FROM s3), (SELECT count(DISTINCT person) FROM s4)`;
