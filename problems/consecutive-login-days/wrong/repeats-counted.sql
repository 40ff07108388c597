-- expect: wrong_answer
-- Numbers every login rather than every day, so two logins on one day break the streak.
WITH islands AS (
    SELECT user_id,
        julianday(login_date) - ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY login_date)
            AS island
    FROM logins
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
