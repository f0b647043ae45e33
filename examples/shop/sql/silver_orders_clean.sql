SELECT
    CAST(order_id AS BIGINT)              AS order_id,
    CAST(customer_id AS BIGINT)           AS customer_id,
    CAST(product_id AS BIGINT)            AS product_id,
    CAST(quantity AS INTEGER)             AS quantity,
    CAST(unit_price AS DECIMAL(10, 2))    AS unit_price,
    lower(trim(status))                   AS status,
    CAST(order_date AS DATE)              AS order_date,
    CAST(updated_at AS TIMESTAMP)         AS updated_at
FROM source
