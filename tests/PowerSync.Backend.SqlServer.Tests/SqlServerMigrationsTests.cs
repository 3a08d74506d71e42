namespace PowerSync.Backend.SqlServer.Tests;

/// <summary>The embedded migration scripts and the lock that serialises them.</summary>
public sealed class SqlServerMigrationsTests
{
    [Fact]
    public void Scripts_are_numbered_and_embedded_in_order()
    {
        Assert.Equal([(1, "001_ledger.sql"), (2, "002_dead_letters.sql")], SqlServerMigrations.Scripts);
    }

    [Fact]
    public void Preparation_takes_an_exclusive_transaction_applock_then_creates_the_schema_and_the_version_table()
    {
        Assert.Equal(
            "DECLARE @lock int; EXEC @lock = sp_getapplock @Resource = N'PowerSync.Backend.migrations', @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 60000; " +
            "IF @lock < 0 THROW 50000, N'PowerSync.Backend: the migration lock was not granted.', 1; " +
            "IF SCHEMA_ID(@schema) IS NULL EXEC (N'CREATE SCHEMA ' + QUOTENAME(@schema)); " +
            "IF OBJECT_ID(N'[o''k]].s].schema_migrations', N'U') IS NULL " +
            "CREATE TABLE [o'k]].s].schema_migrations (version int NOT NULL PRIMARY KEY, applied_at datetimeoffset(7) NOT NULL DEFAULT SYSDATETIMEOFFSET());",
            SqlServerMigrations.Prepare("o'k].s"));
    }

    [Fact]
    public void The_ledger_script_creates_the_table_once_with_a_composite_key()
    {
        var script = SqlServerMigrations.Read("001_ledger.sql", "ps");

        Assert.Contains("IF OBJECT_ID(N'[ps].ledger', N'U') IS NULL\nCREATE TABLE [ps].ledger (", script, StringComparison.Ordinal);
        Assert.Contains("CONSTRAINT PK_powersync_ledger PRIMARY KEY (user_id, client_id)", script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_dead_letter_script_checks_its_json_with_ISJSON()
    {
        var script = SqlServerMigrations.Read("002_dead_letters.sql", "ps");

        Assert.Contains("[transaction]   nvarchar(max)     NOT NULL CONSTRAINT CK_powersync_dead_letters_transaction CHECK (ISJSON([transaction]) = 1)", script, StringComparison.Ordinal);
        Assert.Contains("CHECK (details IS NULL OR ISJSON(details) = 1)", script, StringComparison.Ordinal);
        Assert.Contains("CREATE INDEX dead_letters_client ON [ps].dead_letters (user_id, client_id);", script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_script_for_DBAs_has_every_step_separated_by_GO_records_each_version_and_needs_no_transaction()
    {
        var script = SqlServerMigrations.GetScript("ps");

        Assert.StartsWith("IF SCHEMA_ID(N'ps') IS NULL EXEC (N'CREATE SCHEMA ' + QUOTENAME(N'ps')); ", script, StringComparison.Ordinal);
        Assert.DoesNotContain("sp_getapplock", script, StringComparison.Ordinal);
        Assert.Contains("INSERT INTO [ps].schema_migrations (version) VALUES (1);\nGO\n", script, StringComparison.Ordinal);
        Assert.EndsWith("INSERT INTO [ps].schema_migrations (version) VALUES (2);\nGO\n", script, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", script, StringComparison.Ordinal);
    }
}
