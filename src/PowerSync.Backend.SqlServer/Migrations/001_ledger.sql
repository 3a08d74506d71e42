-- PowerSync.Backend ledger: how far each client's upload queue has been applied.
-- {{schema}} is replaced by the configured (bracket-quoted) schema name. Ids are limited to 200 characters each so
-- that the clustered primary key stays within SQL Server's 900-byte key limit.
IF OBJECT_ID(N'{{schema_literal}}.ledger', N'U') IS NULL
CREATE TABLE {{schema}}.ledger (
    user_id             nvarchar(200)     NOT NULL,
    client_id           nvarchar(200)     NOT NULL,
    last_transaction_id bigint            NULL,
    last_operation_id   bigint            NULL,
    updated_at          datetimeoffset(7) NOT NULL CONSTRAINT DF_powersync_ledger_updated_at DEFAULT SYSDATETIMEOFFSET(),
    CONSTRAINT PK_powersync_ledger PRIMARY KEY (user_id, client_id)
);
