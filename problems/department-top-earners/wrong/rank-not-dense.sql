-- expect: wrong_answer
-- RANK() skips places after a tie, so a shared salary pushes the third distinct one out.
SELECT department, employee, salary
FROM (
    SELECT
        d.name AS department,
        e.name AS employee,
        e.salary AS salary,
        RANK() OVER (PARTITION BY e.department_id ORDER BY e.salary DESC) AS place
    FROM employee AS e
    JOIN department AS d ON d.id = e.department_id
)
WHERE place <= 3
ORDER BY department, salary DESC, employee;
