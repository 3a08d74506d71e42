using System.Data.Common;
using System.Globalization;

namespace PowerSync.Backend.MySql.TestDriver.Internal;

/// <summary>A parsed connection string. Keys and defaults follow MySqlConnector so its strings work unchanged.</summary>
/// <remarks>
/// Keys are case-insensitive and spaces inside them are ignored (<c>User Id</c> = <c>UserId</c>).
/// Unknown keys throw, as in MySqlConnector, so a typo does not silently fall back to a default;
/// pool and TLS keys that have no meaning for this driver are accepted and ignored (TLS only when not required).
/// </remarks>
internal sealed class MariaDbConnectionSettings
{
    private static readonly HashSet<string> IgnoredKeys = new(StringComparer.Ordinal)
    {
        "pooling", "minimumpoolsize", "minpoolsize", "maximumpoolsize", "maxpoolsize", "connectionlifetime",
        "connectionreset", "connectionidletimeout", "allowpublickeyretrieval", "applicationname",
    };

    private MariaDbConnectionSettings()
    {
    }

    /// <summary>Host name or IP address. <value>Defaults to <c>localhost</c> (always over TCP).</value></summary>
    public string Host { get; private init; } = "localhost";

    /// <summary>TCP port. <value>Defaults to 3306.</value></summary>
    public uint Port { get; private init; } = 3306;

    /// <summary>User name.</summary>
    public string? User { get; private init; }

    /// <summary>Password.</summary>
    public string? Password { get; private init; }

    /// <summary>Initial database. <value>Defaults to none.</value></summary>
    public string? Database { get; private init; }

    /// <summary>Seconds to wait for a connection. <value>Defaults to 15, as in MySqlConnector.</value></summary>
    public uint ConnectionTimeout { get; private init; } = 15;

    /// <summary>
    /// Socket read/write timeout in seconds, applied once per connection; 0 waits forever.
    /// <value>Defaults to 30, MySqlConnector's default command timeout.</value>
    /// </summary>
    public uint DefaultCommandTimeout { get; private init; } = 30;

    /// <summary>
    /// When true, UPDATE reports changed rows; when false the client sends <c>CLIENT_FOUND_ROWS</c> and UPDATE
    /// reports matched rows. <value>Defaults to false, as in MySqlConnector.</value>
    /// </summary>
    public bool UseAffectedRows { get; private init; }

    /// <summary>When false, an <c>@name</c> with no matching parameter throws. <value>Defaults to false.</value></summary>
    public bool AllowUserVariables { get; private init; }

    /// <summary>Read <c>TINYINT(1)</c> as <see cref="bool"/>. <value>Defaults to true, as in MySqlConnector.</value></summary>
    public bool TreatTinyAsBoolean { get; private init; } = true;

    /// <summary>
    /// Read <c>CHAR(36)</c> as <see cref="Guid"/> (<c>GuidFormat=Default</c> or <c>Char36</c>) or as text
    /// (<c>GuidFormat=None</c>). <value>Defaults to true, MySqlConnector's <c>GuidFormat=Default</c>.</value>
    /// </summary>
    public bool Char36IsGuid { get; private init; } = true;

    /// <summary>Read zero dates as <see cref="DateTime.MinValue"/> instead of throwing. <value>Defaults to false.</value></summary>
    public bool ConvertZeroDateTime { get; private init; }

    /// <summary>Parses <paramref name="connectionString"/>.</summary>
    /// <exception cref="ArgumentException">A key is unknown or a value is invalid.</exception>
    public static MariaDbConnectionSettings Parse(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        string? host = null, user = null, password = null, database = null;
        uint? port = null, connectionTimeout = null, commandTimeout = null;
        bool? useAffectedRows = null, allowUserVariables = null, treatTinyAsBoolean = null, convertZero = null;
        bool? char36IsGuid = null;
        foreach (string key in builder.Keys)
        {
            var value = Convert.ToString(builder[key], CultureInfo.InvariantCulture) ?? string.Empty;
            switch (key.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant())
            {
                case "server" or "host" or "datasource" or "address" or "addr" or "networkaddress":
                    host = value;
                    break;
                case "port":
                    port = ParseUInt(key, value);
                    break;
                case "user" or "userid" or "uid" or "username":
                    user = value;
                    break;
                case "password" or "pwd":
                    password = value;
                    break;
                case "database" or "initialcatalog":
                    database = value.Length == 0 ? null : value;
                    break;
                case "connectiontimeout" or "connecttimeout":
                    connectionTimeout = ParseUInt(key, value);
                    break;
                case "defaultcommandtimeout" or "commandtimeout":
                    commandTimeout = ParseUInt(key, value);
                    break;
                case "useaffectedrows":
                    useAffectedRows = ParseBool(key, value);
                    break;
                case "allowuservariables":
                    allowUserVariables = ParseBool(key, value);
                    break;
                case "treattinyasboolean":
                    treatTinyAsBoolean = ParseBool(key, value);
                    break;
                case "convertzerodatetime":
                    convertZero = ParseBool(key, value);
                    break;
                case "guidformat":
                    char36IsGuid = value.ToLowerInvariant() switch
                    {
                        "default" or "char36" => true,
                        "none" => false,
                        _ => throw new ArgumentException($"GuidFormat '{value}' is not supported by the test driver (Default, Char36, None).", nameof(connectionString)),
                    };
                    break;
                case "characterset" or "charset":
                    if (value is not ("utf8mb4" or "utf8"))
                    {
                        throw new ArgumentException("The test driver always talks utf8mb4.", nameof(connectionString));
                    }

                    break;
                case "sslmode":
                    if (value.ToLowerInvariant() is not ("none" or "disabled" or "preferred"))
                    {
                        throw new ArgumentException("The test driver does not do TLS; SslMode must be None or Preferred.", nameof(connectionString));
                    }

                    break;
                case var ignored when IgnoredKeys.Contains(ignored):
                    break;
                default:
                    throw new ArgumentException($"Connection string key '{key}' is not supported by the test driver.", nameof(connectionString));
            }
        }

        return new MariaDbConnectionSettings
        {
            Host = string.IsNullOrEmpty(host) ? "localhost" : host,
            Port = port ?? 3306,
            User = user,
            Password = password,
            Database = database,
            ConnectionTimeout = connectionTimeout ?? 15,
            DefaultCommandTimeout = commandTimeout ?? 30,
            UseAffectedRows = useAffectedRows ?? false,
            AllowUserVariables = allowUserVariables ?? false,
            TreatTinyAsBoolean = treatTinyAsBoolean ?? true,
            Char36IsGuid = char36IsGuid ?? true,
            ConvertZeroDateTime = convertZero ?? false,
        };
    }

    private static uint ParseUInt(string key, string value) =>
        uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new ArgumentException($"Connection string key '{key}' needs a non-negative integer, not '{value}'.", nameof(value));

    private static bool ParseBool(string key, string value) => value.ToLowerInvariant() switch
    {
        "true" or "yes" or "1" => true,
        "false" or "no" or "0" => false,
        _ => throw new ArgumentException($"Connection string key '{key}' needs true or false, not '{value}'.", nameof(value)),
    };
}
