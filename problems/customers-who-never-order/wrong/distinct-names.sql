-- expect: wrong_answer
-- DISTINCT merges two different customers who share a name.
SELECT DISTINCT c.name
FROM customers AS c
LEFT JOIN orders AS o ON o.customer_id = c.id
WHERE o.id IS NULL;
