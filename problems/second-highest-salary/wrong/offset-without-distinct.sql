-- expect: wrong_answer
-- Skips the top row rather than the top salary: wrong when the highest salary is shared, and
-- gives no row at all (not NULL) when there is no second row.
SELECT salary AS second_highest_salary
FROM employee
ORDER BY salary DESC
LIMIT 1 OFFSET 1;
