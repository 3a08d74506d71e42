using System.Data.Common;
using PowerSync.Backend.MySql.TestDriver;
using PowerSync.Backend.MySql.TestDriver.Internal;

namespace PowerSync.Backend.MySql.Tests;

/// <summary>Where the MariaDB server started by <c>scripts/db/mariadb.sh</c> listens.</summary>
internal static class MariaDbServer
{
    private const string Default = "Server=127.0.0.1;Port=33069;User ID=powersync;Password=powersync;Database=powersync_test";

    /// <summary>
    /// <c>POWERSYNC_TEST_MYSQL</c> (a MySqlConnector-style connection string, or the
    /// <c>mysql://user:password@host:port/database</c> URL the start script prints), or the scripts' default.
    /// </summary>
    public static string ConnectionString { get; } = Resolve(Environment.GetEnvironmentVariable("POWERSYNC_TEST_MYSQL"));

    /// <summary>A data source for <see cref="ConnectionString"/>, optionally with extra <c>key=value</c> pairs.</summary>
    public static MariaDbDataSource CreateDataSource(string? extra = null) =>
        new(extra is null ? ConnectionString : ConnectionString.TrimEnd(';') + ";" + extra);

    /// <summary>Opens a connection to <see cref="ConnectionString"/>.</summary>
    public static async Task<MariaDbConnection> OpenAsync(string? extra = null)
    {
        var connection = new MariaDbConnection(extra is null ? ConnectionString : ConnectionString.TrimEnd(';') + ";" + extra);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary><see cref="ConnectionString"/> rebuilt from its parsed parts, with some of them replaced.</summary>
    public static string With(string? server = null, string? password = null, string? database = null)
    {
        var settings = MariaDbConnectionSettings.Parse(ConnectionString);
        var builder = new DbConnectionStringBuilder
        {
            ["Server"] = server ?? settings.Host,
            ["Port"] = settings.Port,
            ["User ID"] = settings.User ?? string.Empty,
            ["Password"] = password ?? settings.Password ?? string.Empty,
            ["Database"] = database ?? settings.Database ?? string.Empty,
        };
        return builder.ConnectionString;
    }

    /// <summary>A table name nobody else uses, so test classes can run in parallel.</summary>
    public static string UniqueName(string prefix) => prefix + "_" + Guid.NewGuid().ToString("N")[..12];

    internal static string Resolve(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return Default;
        }

        if (!Uri.TryCreate(configured, UriKind.Absolute, out var uri) || uri.Scheme is not ("mysql" or "mariadb"))
        {
            return configured;
        }

        var builder = new DbConnectionStringBuilder { ["Server"] = uri.Host, ["Port"] = uri.IsDefaultPort ? 3306 : uri.Port };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            builder["User ID"] = Uri.UnescapeDataString(userInfo[0]);
        }

        if (userInfo.Length > 1)
        {
            builder["Password"] = Uri.UnescapeDataString(userInfo[1]);
        }

        var database = uri.AbsolutePath.Trim('/');
        if (database.Length > 0)
        {
            builder["Database"] = Uri.UnescapeDataString(database);
        }

        return builder.ConnectionString;
    }
}
