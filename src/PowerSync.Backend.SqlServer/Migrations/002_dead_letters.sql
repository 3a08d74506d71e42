-- PowerSync.Backend dead letters: rejected client transactions, kept whole (JSON checked with ISJSON).
IF OBJECT_ID(N'{{schema_literal}}.dead_letters', N'U') IS NULL
BEGIN
    CREATE TABLE {{schema}}.dead_letters (
        id              bigint            IDENTITY(1,1) CONSTRAINT PK_powersync_dead_letters PRIMARY KEY,
        user_id         nvarchar(200)     NULL,
        client_id       nvarchar(200)     NULL,
        transaction_id  bigint            NULL,
        error_code      nvarchar(200)     NOT NULL,
        message         nvarchar(max)     NULL,
        operation_index int               NULL,
        details         nvarchar(max)     NULL CONSTRAINT CK_powersync_dead_letters_details CHECK (details IS NULL OR ISJSON(details) = 1),
        [transaction]   nvarchar(max)     NOT NULL CONSTRAINT CK_powersync_dead_letters_transaction CHECK (ISJSON([transaction]) = 1),
        occurred_at     datetimeoffset(7) NOT NULL
    );
    CREATE INDEX dead_letters_client ON {{schema}}.dead_letters (user_id, client_id);
END
