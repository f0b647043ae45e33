-- TRY_CAST: a value that does not parse becomes NULL instead of failing the whole batch; the
-- silver_orders contract's not_null checks then quarantine that row (error_handling: dead-letter).
SELECT
    TRY_CAST(order_id AS BIGINT)              AS order_id,
    TRY_CAST(customer_id AS BIGINT)           AS customer_id,
    TRY_CAST(product_id AS BIGINT)            AS product_id,
    TRY_CAST(quantity AS INTEGER)             AS quantity,
    TRY_CAST(unit_price AS DECIMAL(10, 2))    AS unit_price,
    lower(trim(status))                       AS status,
    TRY_CAST(order_date AS DATE)              AS order_date,
    TRY_CAST(updated_at AS TIMESTAMP)         AS updated_at
FROM source
