-- PowerSync.Backend ledger: how far each client's upload queue has been applied.
-- {{schema}} is replaced by the configured (quoted) ledger database name.
CREATE TABLE IF NOT EXISTS {{schema}}.ledger (
    user_id             VARCHAR(255) NOT NULL,
    client_id           VARCHAR(255) NOT NULL,
    last_transaction_id BIGINT NULL,
    last_operation_id   BIGINT NULL,
    updated_at          DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (user_id, client_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
