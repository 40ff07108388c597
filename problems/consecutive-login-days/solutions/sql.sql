WITH days AS (
    SELECT DISTINCT user_id, julianday(login_date) AS day
    FROM logins
),
islands AS (
    SELECT user_id, day - ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY day) AS island
    FROM days
),
streaks AS (
    SELECT user_id, COUNT(*) AS length
    FROM islands
    GROUP BY user_id, island
)
SELECT user_id, MAX(length) AS longest_streak
FROM streaks
GROUP BY user_id
HAVING MAX(length) >= 3
ORDER BY longest_streak DESC, user_id;
