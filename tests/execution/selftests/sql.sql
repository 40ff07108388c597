-- Prints OK and the Unicode line of its own source only if SQLite ran the whole setup script from
-- stdin (the numbers and the Unicode line as tables), adds up the numbers and handles Unicode in,
-- through and out.
SELECT CASE
    WHEN (SELECT count(*) FROM numbers) != (SELECT n FROM expected_count) THEN 'FAIL count'
    WHEN (SELECT sum(n) FROM numbers) != (SELECT n * (n + 1) / 2 FROM expected_count)
        THEN 'FAIL sum'
    WHEN (SELECT w FROM words) != 'héllo wörld ✓ 世界 🎉' THEN 'FAIL unicode'
    WHEN (SELECT length(w) FROM words) != 18 THEN 'FAIL length'
    ELSE 'OK héllo wörld ✓ 世界 🎉'
END;
