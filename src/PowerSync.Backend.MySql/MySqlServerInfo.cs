using System.Data.Common;
using System.Globalization;

namespace PowerSync.Backend.MySql;

/// <summary>What the provider reads from the server at first use: flavour and version, packet limit, database.</summary>
/// <param name="Flavor">MySQL (with or without the row alias) or MariaDB.</param>
/// <param name="Version">The server version.</param>
/// <param name="MaxAllowedPacket">The server's <c>max_allowed_packet</c>, in bytes.</param>
/// <param name="Database">The database that holds the tables clients write.</param>
internal sealed record MySqlServerInfo(MySqlFlavor Flavor, Version Version, long MaxAllowedPacket, string Database)
{
    /// <summary>Reads the server's version, packet limit and current database.</summary>
    public static async Task<MySqlServerInfo> ReadAsync(DbDataSource dataSource, string? database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var command = dataSource.CreateCommand("SELECT VERSION(), @@max_allowed_packet, DATABASE()");
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var version = reader.GetString(0);
                var packet = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
                var current = reader.IsDBNull(2) ? null : reader.GetString(2);
                var (flavor, parsed) = Parse(version);
                return new MySqlServerInfo(flavor, parsed, packet, database ?? current
                    ?? throw new InvalidOperationException("MySqlBackendOptions.Database is not set and the connection has no default database."));
            }
        }
    }

    /// <summary>
    /// Parses a version string: <c>8.0.36</c> is MySQL; <c>10.11.6-MariaDB-0+deb12u1</c> (or with the
    /// <c>5.5.5-</c> prefix older clients see) is MariaDB.
    /// </summary>
    public static (MySqlFlavor Flavor, Version Version) Parse(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var mariaDb = version.Contains("MariaDB", StringComparison.OrdinalIgnoreCase);
        var text = mariaDb && version.StartsWith("5.5.5-", StringComparison.Ordinal) ? version[6..] : version;
        var end = 0;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.'))
        {
            end++;
        }

        var parsed = Version.TryParse(text[..end].TrimEnd('.'), out var v) ? v : new Version(0, 0);
        var flavor = mariaDb ? MySqlFlavor.MariaDb : parsed >= new Version(8, 0, 19) ? MySqlFlavor.MySqlRowAlias : MySqlFlavor.MySqlValues;
        return (flavor, parsed);
    }
}
