using PowerSync.Backend.MySql.TestDriver;

namespace PowerSync.Backend.MySql.Tests.TestDriver;

public sealed class ParameterTests : IAsyncLifetime
{
    private readonly string _table = MariaDbServer.UniqueName("td_param");

    public static TheoryData<string> HostileStrings => new()
    {
        string.Empty,
        "it's",
        "''",
        "\"double\" quotes",
        "back\\slash",
        "\\",
        "\\'",
        "trailing backslash\\",
        "'; DROP TABLE td_param; --",
        "\" OR 1=1 #",
        "nul\0byte",
        "\0",
        "cr\rlf\ntab\t",
        "ctrl-z\u001a",
        "percent % underscore _",
        "@p @@version ? :name $1",
        "/* comment */ -- dash # hash",
        "`backtick`",
        "日本語のテキスト",
        "Ünïcödé ß é ñ",
        "emoji 😀👍🏽🏳️‍🌈 and 𝄞",
        "right-to-left \u202e mark, zero width \u200b joiner",
        new string('x', 5000) + "'\\" + new string('y', 5000),
    };

    public async Task InitializeAsync()
    {
        await using var connection = await MariaDbServer.OpenAsync();
        await connection.ExecAsync($"CREATE TABLE `{_table}` (id INT PRIMARY KEY, body MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL, raw VARBINARY(200) NULL)");
    }

    public Task DisposeAsync() => MariaDbTestExtensions.DropTablesAsync(_table);

    [Theory]
    [MemberData(nameof(HostileStrings))]
    public async Task Hostile_strings_are_stored_and_read_back_exactly(string value)
    {
        await using var connection = await MariaDbServer.OpenAsync();
        var id = Random.Shared.Next();

        Assert.Equal(1, await connection.ExecAsync($"INSERT INTO `{_table}` (id, body) VALUES (@id, @body)", ("id", id), ("body", value)));

        Assert.Equal(value, await connection.ScalarAsync($"SELECT body FROM `{_table}` WHERE id = @id", ("id", id)));
        Assert.Equal(value, await connection.ScalarAsync("SELECT @v", ("v", value)));
        Assert.Equal(1L, await connection.ScalarAsync($"SELECT COUNT(*) FROM `{_table}` WHERE body = @body AND id = @id", ("body", value), ("id", id)));
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(value), Convert.ToInt32(await connection.ScalarAsync($"SELECT OCTET_LENGTH(body) FROM `{_table}` WHERE id = @id", ("id", id)), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Escaping_follows_the_servers_NO_BACKSLASH_ESCAPES_mode()
    {
        await using var connection = await MariaDbServer.OpenAsync();
        const string Value = "back\\slash\\' and 'quote' \\0";
        await connection.ExecAsync("SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')");

        await connection.ExecAsync($"INSERT INTO `{_table}` (id, body) VALUES (1, @body)", ("body", Value));

        Assert.Equal(Value, await connection.ScalarAsync($"SELECT body FROM `{_table}` WHERE id = 1"));
    }

    [Fact]
    public async Task Binary_values_with_every_byte_round_trip()
    {
        await using var connection = await MariaDbServer.OpenAsync();
        var bytes = Enumerable.Range(0, 200).Select(i => (byte)(255 - i)).ToArray();

        await connection.ExecAsync($"INSERT INTO `{_table}` (id, raw) VALUES (1, @raw), (2, @empty)", ("raw", bytes), ("empty", Array.Empty<byte>()));

        Assert.Equal(bytes, await connection.ScalarAsync($"SELECT raw FROM `{_table}` WHERE id = 1"));
        Assert.Equal(Array.Empty<byte>(), await connection.ScalarAsync($"SELECT raw FROM `{_table}` WHERE id = 2"));
    }

    [Fact]
    public async Task Parameter_names_match_case_insensitively_with_or_without_the_at_sign()
    {
        await using var connection = await MariaDbServer.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT CONCAT(@First, @second, @third)";
        command.Parameters.AddWithValue("@first", "a");
        command.Parameters.AddWithValue("SECOND", "b");
        command.Parameters.Add(new MariaDbParameter("?third", "c"));

        Assert.Equal("abc", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Longer_names_are_not_confused_with_their_prefixes()
    {
        await using var connection = await MariaDbServer.OpenAsync();

        Assert.Equal("1-11-111", await connection.ScalarAsync("SELECT CONCAT(@p, '-', @p1, '-', @p11)", ("p", 1), ("p1", 11), ("p11", 111)));
    }

    [Fact]
    public async Task Markers_inside_quotes_identifiers_and_comments_reach_the_server_untouched()
    {
        await using var connection = await MariaDbServer.OpenAsync();
        // If the binder substituted inside the comment, the value's "*/" would close it and add a column.
        const string Escape = "*/, 'injected' AS injected /*";
        await using var reader = await connection.Command(
            "SELECT '@p' AS a, \"@p\" AS b, 'it\\'s @p' AS c, 'x''@p' AS d, @p AS `@p` /* @p */ -- @p\n # @p\n",
            ("p", Escape)).ExecuteReaderAsync();

        Assert.True(await reader.ReadAsync());
        Assert.Equal(5, reader.FieldCount);
        Assert.Equal(["@p", "@p", "it's @p", "x'@p", Escape], [reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)]);
        Assert.Equal("@p", reader.GetName(4));
    }

    [Fact]
    public async Task System_variables_are_not_parameters()
    {
        await using var connection = await MariaDbServer.OpenAsync();

        Assert.Equal("utf8mb4", await connection.ScalarAsync("SELECT @@session.character_set_client"));
    }

    [Fact]
    public async Task An_undefined_parameter_throws_before_anything_is_sent()
    {
        await using var connection = await MariaDbServer.OpenAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => connection.ExecAsync($"INSERT INTO `{_table}` (id) VALUES (@nope)"));
        Assert.Equal(0L, await connection.ScalarAsync($"SELECT COUNT(*) FROM `{_table}`"));
    }

    [Fact]
    public async Task User_variables_work_when_allowed()
    {
        await using var connection = await MariaDbServer.OpenAsync("Allow User Variables=true");

        Assert.Equal(42L, await connection.ScalarAsync("SET @answer = @p * 2; SELECT @answer", ("p", 21)));
    }

    [Fact]
    public async Task Null_and_DBNull_are_sent_as_NULL()
    {
        await using var connection = await MariaDbServer.OpenAsync();

        Assert.Equal(1, Convert.ToInt32(await connection.ScalarAsync("SELECT @a IS NULL AND @b IS NULL", ("a", null), ("b", DBNull.Value)), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Unsupported_values_and_directions_are_refused()
    {
        await using var connection = await MariaDbServer.OpenAsync();

        await Assert.ThrowsAsync<NotSupportedException>(() => connection.ScalarAsync("SELECT @p", ("p", new object())));
        await Assert.ThrowsAsync<NotSupportedException>(() => connection.ScalarAsync("SELECT @p", ("p", double.NaN)));
        await using var command = connection.Command("SELECT 1");
        command.Parameters.Add(new MariaDbParameter("out", null) { Direction = System.Data.ParameterDirection.Output });
        await Assert.ThrowsAsync<NotSupportedException>(() => command.ExecuteScalarAsync());
    }
}
