-- PowerSync.Backend ledger: how far each client's upload queue has been applied.
-- {{schema}} is replaced by the configured (quoted) schema name.
CREATE TABLE IF NOT EXISTS {{schema}}.ledger (
    user_id             text        NOT NULL,
    client_id           text        NOT NULL,
    last_transaction_id bigint,
    last_operation_id   bigint,
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, client_id)
);
