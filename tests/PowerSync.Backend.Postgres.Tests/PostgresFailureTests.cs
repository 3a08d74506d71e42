using Npgsql;
using PowerSync.Backend.Conformance;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Results;
using PowerSync.Backend.Postgres.Tests.Conformance;
using static PowerSync.Backend.Conformance.ConformanceSchema;
using static PowerSync.Backend.Conformance.Crud;

namespace PowerSync.Backend.Postgres.Tests;

/// <summary>PostgreSQL-specific failures: a connection killed mid-transaction, and data sources configured either way for failed statements.</summary>
public sealed class PostgresFailureTests : ConformanceSuite
{
    private readonly PostgresConformanceDatabase _database;
    private NpgsqlDataSource? _ownDataSource;

    public PostgresFailureTests()
        : this(new PostgresConformanceDatabase())
    {
    }

    private PostgresFailureTests(PostgresConformanceDatabase database)
        : base(database) => _database = database;

    [Fact]
    public async Task A_connection_terminated_mid_transaction_is_retried_on_a_new_one()
    {
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l0", ("name", "seed")))));
        var s = PostgresConformanceDatabase.Quote(_database.Schema);
        await PostgresConformanceDatabase.ExecuteAsync(
            $"""
            CREATE SEQUENCE {s}.kills;
            CREATE FUNCTION {s}.kill_once() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                IF nextval('{s}.kills') = 1 THEN
                    PERFORM pg_terminate_backend(pg_backend_pid());
                END IF;
                RETURN NULL;
            END
            $fn$;
            CREATE TRIGGER kill_once AFTER INSERT ON {s}.todos FOR EACH STATEMENT EXECUTE FUNCTION {s}.kill_once();
            """,
            Timeout);

        var result = await backend.UploadAsync(Tx(2, Patch(Lists, "l0", ("name", "patched")), Put(Todos, "t1", ("list_id", "l0")), Put(Lists, "l1", ("name", "n"))));

        AssertSuccess(result);
        await AssertRowAsync(Lists, "l0", ("name", "patched"));
        await AssertRowAsync(Todos, "t1", ("list_id", "l0"));
        await AssertRowAsync(Lists, "l1");
        Assert.Equal(2L, (await backend.PositionAsync()).LastTransactionId);
    }

    [Fact]
    public async Task A_data_source_that_includes_failed_statements_names_the_entry_the_same_way()
    {
        _ownDataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { IncludeFailedBatchedCommand = true }.ConnectionString);
        _database.ProviderDataSource = _ownDataSource;
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "n")))));

        var entries = Enumerable.Range(0, 5).Select(i => Put(Todos, $"t{i}", ("list_id", i == 3 ? "nowhere" : "l1"))).ToArray();

        AssertRefused(await backend.UploadAsync(Tx(2, entries)), ErrorCodes.ForeignKeyViolation, 3);
        AssertRefused(await backend.UploadAsync(Tx(3, Put(Todos, "x", ("list_id", "l1")), Put(Todos, "y", ("list_id", "nowhere"), ("description", "d")))), ErrorCodes.ForeignKeyViolation, 1);
    }

    [Fact]
    public async Task An_error_the_classifier_does_not_know_is_refused_as_UNCLASSIFIED_at_its_entry()
    {
        var backend = Start();
        var s = PostgresConformanceDatabase.Quote(_database.Schema);
        await PostgresConformanceDatabase.ExecuteAsync(
            $"""
            CREATE FUNCTION {s}.no_forbidden() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                IF NEW.name = 'forbidden' THEN
                    RAISE EXCEPTION 'a business rule says no';
                END IF;
                RETURN NEW;
            END
            $fn$;
            CREATE TRIGGER no_forbidden BEFORE INSERT OR UPDATE ON {s}.lists FOR EACH ROW EXECUTE FUNCTION {s}.no_forbidden();
            """,
            Timeout);

        // P0001 (raise_exception) is no SQLSTATE the classifier maps: the store still finds the entry in the run.
        var result = await backend.UploadAsync(Tx(1, Enumerable.Range(0, 4).Select(i => Put(Lists, $"l{i}", ("name", i == 2 ? "forbidden" : "ok"))).ToArray()));

        var failed = AssertRefused(result, ErrorCodes.UnclassifiedError, 2);
        Assert.DoesNotContain("business rule", failed.Message, StringComparison.Ordinal);
        Assert.Equal(TransactionStatus.FatalError, result.Results[0].Status);
        await AssertEmptyAsync(Lists);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownDataSource is not null)
        {
            await _ownDataSource.DisposeAsync();
        }
    }
}
