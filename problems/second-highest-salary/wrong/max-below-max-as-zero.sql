-- expect: wrong_answer
-- Right on distinct salaries, but answers 0 instead of NULL when there is no second salary.
SELECT COALESCE(MAX(salary), 0) AS second_highest_salary
FROM employee
WHERE salary < (SELECT MAX(salary) FROM employee);
