SELECT department, employee, salary
FROM (
    SELECT
        d.name AS department,
        e.name AS employee,
        e.salary AS salary,
        DENSE_RANK() OVER (PARTITION BY e.department_id ORDER BY e.salary DESC) AS place
    FROM employee AS e
    JOIN department AS d ON d.id = e.department_id
)
WHERE place <= 3
ORDER BY department, salary DESC, employee;
