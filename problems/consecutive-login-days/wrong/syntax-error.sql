-- expect: runtime_error
-- A query SQLite cannot parse fails every test with its error on stderr.
SELECT user_id, longest_streak FROM logins GROUP BY;
