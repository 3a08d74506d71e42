-- PowerSync.Backend dead letters: rejected client transactions, kept whole.
CREATE TABLE IF NOT EXISTS {{schema}}.dead_letters (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id         text,
    client_id       text,
    transaction_id  bigint,
    error_code      text        NOT NULL,
    message         text,
    operation_index integer,
    details         jsonb,
    transaction     jsonb       NOT NULL,
    occurred_at     timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS dead_letters_client ON {{schema}}.dead_letters (user_id, client_id);
