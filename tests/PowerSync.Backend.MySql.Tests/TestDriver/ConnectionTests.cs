using System.Data;
using System.Data.Common;
using PowerSync.Backend.MySql.TestDriver;
using PowerSync.Backend.MySql.TestDriver.Internal;

namespace PowerSync.Backend.MySql.Tests.TestDriver;

public sealed class ConnectionTests
{
    [Fact]
    public async Task Open_reaches_the_real_MariaDB_server()
    {
        await using var connection = await MariaDbServer.OpenAsync();

        Assert.Equal(ConnectionState.Open, connection.State);
        Assert.Contains("MariaDB", connection.ServerVersion, StringComparison.Ordinal);
        Assert.DoesNotContain("5.5.5-", connection.ServerVersion, StringComparison.Ordinal);
        Assert.Equal("powersync_test", connection.Database);
        Assert.Equal("powersync_test", await connection.ScalarAsync("SELECT DATABASE()"));
        Assert.Equal((long)connection.ServerThread, Convert.ToInt64(await connection.ScalarAsync("SELECT CONNECTION_ID()"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Session_talks_utf8mb4_in_both_directions()
    {
        await using var connection = await MariaDbServer.OpenAsync();
        await using var reader = await connection.Command("SELECT @@character_set_client, @@character_set_connection, @@character_set_results").ExecuteReaderAsync();

        Assert.True(await reader.ReadAsync());
        Assert.Equal(["utf8mb4", "utf8mb4", "utf8mb4"], [reader.GetString(0), reader.GetString(1), reader.GetString(2)]);
    }

    [Fact]
    public async Task OpenAsync_with_a_cancelled_token_throws_before_connecting()
    {
        await using var connection = new MariaDbConnection(MariaDbServer.ConnectionString);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connection.OpenAsync(new CancellationToken(canceled: true)));
        Assert.Equal(ConnectionState.Closed, connection.State);
    }

    [Fact]
    public async Task Close_then_Open_starts_a_new_server_session()
    {
        await using var connection = await MariaDbServer.OpenAsync();
        var first = connection.ServerThread;

        await connection.CloseAsync();
        Assert.Equal(ConnectionState.Closed, connection.State);
        Assert.Throws<InvalidOperationException>(() => connection.ServerVersion);
        await connection.OpenAsync();

        Assert.NotEqual(first, connection.ServerThread);
    }

    [Fact]
    public async Task Closing_releases_the_native_connection()
    {
        await using var dataSource = MariaDbServer.CreateDataSource();
        var ids = new List<int>();
        for (var i = 0; i < 100; i++)
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            ids.Add(connection.ServerThread);
        }

        // COM_QUIT is not acknowledged, so the server may still be tearing down the last few sessions.
        await using var probe = await MariaDbServer.OpenAsync();
        var sql = $"SELECT COALESCE(GROUP_CONCAT(CONCAT(ID, ':', COMMAND, ':', COALESCE(STATE, ''))), '') FROM information_schema.PROCESSLIST WHERE ID IN ({string.Join(',', ids)})";
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var lingering = (string?)await probe.ScalarAsync(sql);
        while (lingering is { Length: > 0 } && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(25);
            lingering = (string?)await probe.ScalarAsync(sql);
        }

        Assert.Equal(string.Empty, lingering);
    }

    [Fact]
    public async Task ChangeDatabase_switches_the_default_database()
    {
        await using var connection = await MariaDbServer.OpenAsync();

        await connection.ChangeDatabaseAsync("information_schema");

        Assert.Equal("information_schema", connection.Database);
        Assert.Equal("information_schema", await connection.ScalarAsync("SELECT DATABASE()"));
    }

    [Fact]
    public async Task DataSource_serves_generic_ADO_NET_code()
    {
        DbDataSource dataSource = MariaDbServer.CreateDataSource();
        await using (dataSource)
        {
            await using var command = dataSource.CreateCommand("SELECT 40 + 2");
            Assert.Equal(42L, Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));

            await using DbConnection connection = await dataSource.OpenConnectionAsync();
            await using var generic = connection.CreateCommand();
            generic.CommandText = "SELECT @who";
            var parameter = generic.CreateParameter();
            parameter.ParameterName = "@who";
            parameter.Value = "generic";
            generic.Parameters.Add(parameter);
            Assert.Equal("generic", await generic.ExecuteScalarAsync());
        }
    }

    [Fact]
    public async Task Localhost_is_reached_over_TCP_like_MySqlConnector()
    {
        if (MariaDbConnectionSettings.Parse(MariaDbServer.ConnectionString).Host != "127.0.0.1")
        {
            return; // only meaningful against the local test server
        }

        await using var connection = new MariaDbConnection(MariaDbServer.With(server: "localhost"));
        await connection.OpenAsync();

        // A Unix-socket session shows HOST 'localhost'; a TCP one shows the peer address.
        Assert.Equal("127.0.0.1", await connection.ScalarAsync("SELECT SUBSTRING_INDEX(HOST, ':', 1) FROM information_schema.PROCESSLIST WHERE ID = CONNECTION_ID()"));
    }

    [Theory]
    [InlineData("Server=h;Port=1;User Id=u;Pwd=p;Database=d")]
    [InlineData("host=h;port=1;uid=u;password=p;initial catalog=d")]
    [InlineData("Host=h;Port=1;Username=u;Password=p;Database=d;Pooling=true;SslMode=None;Connection Timeout=5")]
    public void MySqlConnector_style_keys_parse(string connectionString)
    {
        var settings = MariaDbConnectionSettings.Parse(connectionString);

        Assert.Equal(("h", 1u, "u", "p", "d"), (settings.Host, settings.Port, settings.User, settings.Password, settings.Database));
    }

    [Fact]
    public void Unknown_connection_string_keys_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new MariaDbDataSource("Server=h;Prot=1"));
        Assert.Throws<ArgumentException>(() => new MariaDbDataSource("Server=h;SslMode=Required"));
    }

    [Fact]
    public void Test_connection_string_accepts_the_URL_the_start_script_prints()
    {
        var settings = MariaDbConnectionSettings.Parse(MariaDbServer.Resolve("mysql://powersync:pa%3Bss@127.0.0.1:33069/powersync_test"));

        Assert.Equal(("127.0.0.1", 33069u, "powersync", "pa;ss", "powersync_test"), (settings.Host, settings.Port, settings.User, settings.Password, settings.Database));
    }
}
