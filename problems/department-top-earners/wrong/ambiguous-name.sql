-- expect: runtime_error
-- Both tables have a `name`: SQLite refuses the query ("ambiguous column name: name").
SELECT name AS department, e.name AS employee, e.salary
FROM employee AS e
JOIN department AS d ON d.id = e.department_id
ORDER BY department, e.salary DESC, employee;
