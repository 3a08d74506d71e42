using Npgsql;
using PowerSync.Backend.Conformance;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Postgres.Tests.Conformance;
using static PowerSync.Backend.Conformance.ConformanceSchema;
using static PowerSync.Backend.Conformance.Crud;

namespace PowerSync.Backend.Postgres.Tests;

/// <summary>
/// <see cref="PostgresBackendOptions.UserIdSetting"/> hands the user to the database for each transaction. The
/// test role is a superuser (which bypasses row-level security), so policies are checked through a login role
/// of their own, created for each test.
/// </summary>
public sealed class PostgresRowLevelSecurityTests : ConformanceSuite
{
    private const string Setting = "app.user_id";
    private readonly PostgresConformanceDatabase _database;
    private readonly string _role = "rls_" + Guid.NewGuid().ToString("N")[..12];
    private NpgsqlDataSource? _roleDataSource;

    public PostgresRowLevelSecurityTests()
        : this(new PostgresConformanceDatabase())
    {
    }

    private PostgresRowLevelSecurityTests(PostgresConformanceDatabase database)
        : base(database) => _database = database;

    [Fact]
    public async Task Each_transaction_sees_its_own_user_in_the_setting()
    {
        await PostgresConformanceDatabase.ExecuteAsync($"ALTER TABLE {_database.Qualified(Lists)} ALTER COLUMN owner_id SET DEFAULT current_setting('{Setting}', true)", Timeout);
        var backend = Start(o => o.UserIdSetting = Setting);

        // Several users in turn over pooled connections: the setting is local to each transaction.
        string[] users = ["alice", "bob", "alice", "carol"];
        for (var i = 0; i < users.Length; i++)
        {
            AssertSuccess(await backend.UploadAsync(new CrudUpload(users[i], "phone", [Tx(i + 1, Put(Lists, $"{users[i]}-{i}", ("name", "n")))])));
        }

        AssertSuccess(await backend.UploadAsync(new CrudUpload("dave", null, [Tx(1, Put(Lists, "dave-1", ("name", "n")))])));
        await AssertRowAsync(Lists, "alice-0", ("owner_id", "alice"));
        await AssertRowAsync(Lists, "bob-1", ("owner_id", "bob"));
        await AssertRowAsync(Lists, "alice-2", ("owner_id", "alice"));
        await AssertRowAsync(Lists, "carol-3", ("owner_id", "carol"));
        await AssertRowAsync(Lists, "dave-1", ("owner_id", "dave"));
    }

    [Fact]
    public async Task A_policy_lets_users_write_their_own_rows_and_refuses_others_as_UNAUTHORIZED()
    {
        var backend = await StartAsRoleAsync();

        AssertSuccess(await backend.UploadAsync(new CrudUpload("alice", "a", [Tx(1, Put(Lists, "l1", ("name", "mine"), ("owner_id", "alice")))])));
        var refused = await backend.UploadAsync(new CrudUpload("alice", "a", [Tx(2, Put(Lists, "l2", ("name", "forged"), ("owner_id", "bob")))]));

        AssertRefused(refused, ErrorCodes.Unauthorized, 0);
        await AssertRowAsync(Lists, "l1", ("owner_id", "alice"));
        await AssertNoRowAsync(Lists, "l2");
    }

    [Fact]
    public async Task Rows_a_policy_hides_are_neither_patched_nor_deleted()
    {
        var backend = await StartAsRoleAsync();
        AssertSuccess(await backend.UploadAsync(new CrudUpload("bob", "b", [Tx(1, Put(Lists, "bobs", ("name", "bob's"), ("owner_id", "bob")))])));

        AssertSuccess(await backend.UploadAsync(new CrudUpload("alice", "a", [Tx(1, Patch(Lists, "bobs", ("name", "hacked")), Delete(Lists, "bobs"))])));

        await AssertRowAsync(Lists, "bobs", ("name", "bob's"), ("owner_id", "bob"));
    }

    [Fact]
    public async Task A_policy_refusal_inside_a_set_based_run_names_its_entry()
    {
        var backend = await StartAsRoleAsync();

        // The diagnosis pass must run as the same user, or the first entry would fail instead.
        var entries = Enumerable.Range(0, 5).Select(i => Put(Lists, $"l{i}", ("name", "n"), ("owner_id", i == 3 ? "bob" : "alice"))).ToArray();
        var result = await backend.UploadAsync(new CrudUpload("alice", "a", [Tx(1, entries)]));

        AssertRefused(result, ErrorCodes.Unauthorized, 3);
        await AssertEmptyAsync(Lists);
    }

    [Fact]
    public async Task A_foreign_key_refusal_inside_a_set_based_run_under_a_policy_names_its_entry()
    {
        var backend = await StartAsRoleAsync();
        AssertSuccess(await backend.UploadAsync(new CrudUpload("alice", "a", [Tx(1, Put(Lists, "l1", ("name", "n"), ("owner_id", "alice")))])));

        var entries = Enumerable.Range(0, 4).Select(i => Put(Todos, $"t{i}", ("list_id", i == 2 ? "nowhere" : "l1"))).ToArray();
        var result = await backend.UploadAsync(new CrudUpload("alice", "a", [Tx(2, entries)]));

        AssertRefused(result, ErrorCodes.ForeignKeyViolation, 2);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_roleDataSource is not null)
        {
            await _roleDataSource.DisposeAsync();
            await PostgresConformanceDatabase.ExecuteAsync($"DROP OWNED BY {_role}; DROP ROLE {_role}", CancellationToken.None);
        }
    }

    /// <summary>Starts a pipeline that connects as a fresh login role (no superuser, no bypass), with a policy on lists.</summary>
    private async Task<ConformanceBackend> StartAsRoleAsync()
    {
        var (schema, ledger) = (PostgresConformanceDatabase.Quote(_database.Schema), PostgresConformanceDatabase.Quote(_database.LedgerSchema));
        await PostgresMigrations.ApplyAsync(PostgresConformanceDatabase.DataSource, _database.LedgerSchema, Timeout);
        await PostgresConformanceDatabase.ExecuteAsync(
            $"""
            CREATE ROLE {_role} LOGIN PASSWORD 'rls' NOSUPERUSER NOBYPASSRLS;
            GRANT USAGE ON SCHEMA {schema}, {ledger} TO {_role};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema}, {ledger} TO {_role};
            GRANT USAGE ON ALL SEQUENCES IN SCHEMA {ledger} TO {_role};
            ALTER TABLE {schema}.lists ENABLE ROW LEVEL SECURITY;
            CREATE POLICY own ON {schema}.lists USING (owner_id = current_setting('{Setting}', true)) WITH CHECK (owner_id = current_setting('{Setting}', true));
            """,
            Timeout);
        var connection = new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { Username = _role, Password = "rls" };
        _roleDataSource = NpgsqlDataSource.Create(connection.ConnectionString);
        _database.ProviderDataSource = _roleDataSource;
        _database.Configure = o => o.ApplyMigrations = false;
        return Start(o => o.UserIdSetting = Setting);
    }
}
