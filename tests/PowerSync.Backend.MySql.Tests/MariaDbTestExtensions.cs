using PowerSync.Backend.MySql.TestDriver;

namespace PowerSync.Backend.MySql.Tests;

/// <summary>Short forms for the statements the tests run.</summary>
internal static class MariaDbTestExtensions
{
    /// <summary>Runs <paramref name="sql"/> with <c>@name</c> parameters; returns the affected-row count.</summary>
    public static async Task<int> ExecAsync(this MariaDbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs <paramref name="sql"/> and returns the first column of the first row.</summary>
    public static async Task<object?> ScalarAsync(this MariaDbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Builds a command, enlisted in the connection's transaction when given.</summary>
    public static MariaDbCommand Command(this MariaDbConnection connection, string sql, params (string Name, object? Value)[] parameters) =>
        Command(connection, null, sql, parameters);

    /// <summary>Builds a command in <paramref name="transaction"/>.</summary>
    public static MariaDbCommand Command(this MariaDbConnection connection, MariaDbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new MariaDbCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    /// <summary>Drops the given tables, ignoring ones that do not exist.</summary>
    public static async Task DropTablesAsync(params string[] tables)
    {
        await using var connection = await MariaDbServer.OpenAsync();
        await connection.ExecAsync("SET FOREIGN_KEY_CHECKS = 0; DROP TABLE IF EXISTS " + string.Join(", ", tables.Select(t => "`" + t + "`")));
    }
}
