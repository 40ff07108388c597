-- expect: wrong_answer
-- NOT IN against a list holding NULL is never true: one guest order hides every customer.
SELECT name
FROM customers
WHERE id NOT IN (SELECT customer_id FROM orders);
