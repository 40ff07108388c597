-- expect: runtime_error
-- Both tables have an `id`: SQLite refuses the query ("ambiguous column name: id").
SELECT name
FROM customers
LEFT JOIN orders ON id = customer_id
WHERE customer_id IS NULL;
