-- The month's counted days of every head in post, in plain SQL: each counted, non-void trip is expanded by a
-- recursive CTE into the half days it covers inside the head's time in post and the month, and the distinct
-- half days are counted per head. This is the policy's rule 2 (README, "How days are counted"), written the
-- way an analyst with only the sqlite3 shell would write it; compare.sh checks zhaoshang gives the same numbers.
-- compare.sh replaces :first and :last with the month's first and last day.
WITH RECURSIVE
  m(first, last) AS (SELECT :first, :last),
  win(head_id, lo, hi) AS (
    SELECT p.head_id,
      CAST((julianday(max(coalesce(p.from_date, m.first), m.first)) - 2440587.5) * 2 AS INTEGER),
      CAST((julianday(min(coalesce(p.to_date, m.last), m.last)) - 2440587.5) * 2 + 1 AS INTEGER)
    FROM post p, m
    WHERE coalesce(p.from_date, m.first) <= m.last AND coalesce(p.to_date, m.last) >= m.first),
  span(head_id, h, last) AS (
    SELECT t.head_id,
      max(CAST((julianday(t.start_date) - 2440587.5) * 2 AS INTEGER) + t.starts_afternoon, w.lo),
      min(CAST((julianday(t.end_date) - 2440587.5) * 2 AS INTEGER) + 1 - t.ends_morning, w.hi)
    FROM trip t JOIN win w ON w.head_id = t.head_id, m
    WHERE t.void_reason IS NULL AND t.kind = 'visit' AND t.start_date <= m.last AND t.end_date >= m.first),
  half(head_id, h, last) AS (
    SELECT head_id, h, last FROM span WHERE h <= last
    UNION ALL
    SELECT head_id, h + 1, last FROM half WHERE h < last),
  counted(head_id, halves) AS (SELECT head_id, count(DISTINCT h) FROM half GROUP BY head_id)
SELECT hd.unit, hd.name, coalesce(c.halves, 0)
FROM win w JOIN head hd ON hd.id = w.head_id LEFT JOIN counted c ON c.head_id = w.head_id
ORDER BY hd.unit, hd.name;
