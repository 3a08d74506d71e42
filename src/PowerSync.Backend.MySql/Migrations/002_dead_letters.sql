-- PowerSync.Backend dead letters: rejected client transactions, kept whole.
CREATE TABLE IF NOT EXISTS {{schema}}.dead_letters (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id         TEXT         NULL,
    client_id       TEXT         NULL,
    transaction_id  BIGINT       NULL,
    error_code      VARCHAR(255) NOT NULL,
    message         TEXT         NULL,
    operation_index INT          NULL,
    details         JSON         NULL,
    `transaction`   JSON         NOT NULL,
    occurred_at     DATETIME(6)  NOT NULL,
    KEY dead_letters_client (user_id(191), client_id(191))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
