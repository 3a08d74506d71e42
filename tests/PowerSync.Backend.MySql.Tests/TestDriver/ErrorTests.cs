using System.Data;
using System.Data.Common;
using System.Net;
using System.Net.Sockets;
using PowerSync.Backend.MySql.TestDriver;

namespace PowerSync.Backend.MySql.Tests.TestDriver;

/// <summary>Server and client errors carry MySqlConnector's <c>Number</c> and <c>SqlState</c>, exactly.</summary>
public sealed class ErrorTests : IAsyncLifetime
{
    private readonly string _parent = MariaDbServer.UniqueName("td_err_parent");
    private readonly string _child = MariaDbServer.UniqueName("td_err_child");

    public async Task InitializeAsync()
    {
        await using var connection = await MariaDbServer.OpenAsync();
        await connection.ExecAsync($"""
            CREATE TABLE `{_parent}` (id INT PRIMARY KEY, v INT NOT NULL DEFAULT 0, code VARCHAR(5) NULL,
              qty TINYINT NULL, CONSTRAINT positive CHECK (v >= 0)) ENGINE=InnoDB;
            CREATE TABLE `{_child}` (id INT PRIMARY KEY, parent_id INT NOT NULL,
              FOREIGN KEY (parent_id) REFERENCES `{_parent}` (id)) ENGINE=InnoDB;
            INSERT INTO `{_parent}` (id) VALUES (1), (2);
            INSERT INTO `{_child}` VALUES (1, 1);
            """);
    }

    public Task DisposeAsync() => MariaDbTestExtensions.DropTablesAsync(_child, _parent);

    public static TheoryData<string, int, string> ServerErrors => new()
    {
        { "INSERT INTO `{parent}` (id) VALUES (1)", 1062, "23000" },
        { "SELECT * FROM `{parent}_missing`", 1146, "42S02" },
        { "INSERT INTO `{child}` VALUES (2, 99)", 1452, "23000" },
        { "DELETE FROM `{parent}` WHERE id = 1", 1451, "23000" },
        { "INSERT INTO `{parent}` (id, v) VALUES (3, NULL)", 1048, "23000" },
        { "UPDATE `{parent}` SET v = -1 WHERE id = 2", 4025, "23000" },
        { "UPDATE `{parent}` SET code = 'too long' WHERE id = 2", 1406, "22001" },
        { "UPDATE `{parent}` SET qty = 1000 WHERE id = 2", 1264, "22003" },
        { "UPDATE `{parent}` SET v = 'abc' WHERE id = 2", 1366, "22007" },
        { "SELECT nope FROM `{parent}`", 1054, "42S22" },
        { "SELEC 1", 1064, "42000" },
    };

    [Theory]
    [MemberData(nameof(ServerErrors))]
    public async Task Server_errors_carry_their_number_and_sqlstate(string sql, int number, string sqlState)
    {
        await using var connection = await MariaDbServer.OpenAsync();

        var error = await Assert.ThrowsAsync<MariaDbException>(() => connection.ExecAsync(sql.Replace("{parent}", _parent, StringComparison.Ordinal).Replace("{child}", _child, StringComparison.Ordinal)));

        Assert.Equal((number, sqlState), (error.Number, error.SqlState));
        Assert.Equal(number, error.ErrorCode);
        Assert.Equal(sqlState, ((DbException)error).SqlState);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.Equal(1, await connection.ScalarAsync("SELECT 1"));
    }

    [Fact]
    public async Task A_refused_connection_reports_the_client_error_number()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var connection = new MariaDbConnection($"Server=127.0.0.1;Port={port};User ID=powersync;Password=powersync;Connection Timeout=5");

        var error = await Assert.ThrowsAsync<MariaDbException>(() => connection.OpenAsync());

        Assert.Contains(error.Number, new[] { 2002, 2003 });
        Assert.Equal("HY000", error.SqlState);
        Assert.Equal(ConnectionState.Closed, connection.State);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_database_report_server_errors()
    {
        await using var wrongPassword = new MariaDbConnection(MariaDbServer.With(password: "wrong"));
        var denied = await Assert.ThrowsAsync<MariaDbException>(() => wrongPassword.OpenAsync());
        Assert.Equal((1045, "28000"), (denied.Number, denied.SqlState));

        await using var unknownDatabase = new MariaDbConnection(MariaDbServer.With(database: "no_such_db_" + Guid.NewGuid().ToString("N")[..6]));
        var unknown = await Assert.ThrowsAsync<MariaDbException>(() => unknownDatabase.OpenAsync());
        Assert.Equal((1049, "42000"), (unknown.Number, unknown.SqlState));
    }

    [Fact]
    public async Task A_lock_wait_timeout_reports_1205_and_rolls_back_only_the_statement()
    {
        await using var holder = await MariaDbServer.OpenAsync();
        await using var waiter = await MariaDbServer.OpenAsync();
        await using var held = holder.BeginTransaction();
        await holder.Command(held, $"UPDATE `{_parent}` SET v = v + 1 WHERE id = 1").ExecuteNonQueryAsync();
        await waiter.ExecAsync("SET SESSION innodb_lock_wait_timeout = 1");
        await using var waiting = waiter.BeginTransaction();
        await waiter.Command(waiting, $"INSERT INTO `{_parent}` (id) VALUES (10)").ExecuteNonQueryAsync();

        var error = await Assert.ThrowsAsync<MariaDbException>(() => waiter.Command(waiting, $"UPDATE `{_parent}` SET v = v + 1 WHERE id = 1").ExecuteNonQueryAsync());

        Assert.Equal((1205, "HY000"), (error.Number, error.SqlState));
        // The transaction survives with its earlier work: the caller must roll it back itself.
        Assert.Equal(1L, await waiter.Command(waiting, $"SELECT COUNT(*) FROM `{_parent}` WHERE id = 10").ExecuteScalarAsync());
        await waiting.RollbackAsync();
    }

    [Fact]
    public async Task A_deadlock_reports_1213_and_40001_to_the_victim_only()
    {
        await using var first = await MariaDbServer.OpenAsync();
        await using var second = await MariaDbServer.OpenAsync();
        await using var observer = await MariaDbServer.OpenAsync();
        await first.ExecAsync("SET SESSION innodb_lock_wait_timeout = 40");
        await second.ExecAsync("SET SESSION innodb_lock_wait_timeout = 40");
        await using var firstTx = first.BeginTransaction();
        await using var secondTx = second.BeginTransaction();
        await first.Command(firstTx, $"UPDATE `{_parent}` SET v = v + 1 WHERE id = 1").ExecuteNonQueryAsync();
        await second.Command(secondTx, $"UPDATE `{_parent}` SET v = v + 1 WHERE id = 2").ExecuteNonQueryAsync();

        // first now waits for second's row; once InnoDB shows it waiting, second closes the cycle.
        // A thread of its own: the driver blocks, and under a loaded thread pool a pooled task may start too late.
        var firstBlocked = Task.Factory.StartNew(
            () => first.Command(firstTx, $"UPDATE `{_parent}` SET v = v + 1 WHERE id = 2").ExecuteNonQuery(),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        await WaitUntilWaitingForLockAsync(observer, first.ServerThread, firstBlocked);
        var secondOutcome = await OutcomeAsync(() => second.Command(secondTx, $"UPDATE `{_parent}` SET v = v + 1 WHERE id = 1").ExecuteNonQueryAsync());
        var firstOutcome = await OutcomeAsync(() => firstBlocked);

        var outcomes = new[] { firstOutcome, secondOutcome };
        var victim = Assert.Single(outcomes, o => o is MariaDbException);
        Assert.Equal((1213, "40001"), (((MariaDbException)victim).Number, ((MariaDbException)victim).SqlState));
        Assert.Single(outcomes, o => o is 1);
    }

    [Fact]
    public async Task A_connection_killed_by_the_server_reports_a_lost_connection()
    {
        await using var victim = await MariaDbServer.OpenAsync();
        await using (var killer = await MariaDbServer.OpenAsync())
        {
            await killer.ExecAsync("KILL CONNECTION @id", ("id", victim.ServerThread));
        }

        var error = await Assert.ThrowsAsync<MariaDbException>(() => victim.ScalarAsync("SELECT 1"));

        Assert.Contains(error.Number, new[] { 2006, 2013, 1927 });
    }

    private static async Task WaitUntilWaitingForLockAsync(MariaDbConnection observer, int serverThread, Task blocked)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var waiting = await observer.ScalarAsync(
                "SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_mysql_thread_id = @id AND trx_state = 'LOCK WAIT'",
                ("id", serverThread));
            if (waiting is 1L || blocked.IsCompleted)
            {
                return;
            }

            await Task.Delay(10);
        }

        Assert.Fail("The first transaction did not start waiting for the lock within 30 s.");
    }

    private static async Task<object> OutcomeAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (MariaDbException error)
        {
            return error;
        }
    }
}
