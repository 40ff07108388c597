-- expect: runtime_error
-- A window function cannot be used in WHERE: SQLite refuses the query ("misuse of window
-- function DENSE_RANK()").
SELECT salary AS second_highest_salary
FROM employee
WHERE DENSE_RANK() OVER (ORDER BY salary DESC) = 2;
