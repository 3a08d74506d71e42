using System.Collections.Concurrent;
using System.Reflection;

namespace PowerSync.Backend.MySql;

/// <summary>
/// Reads <c>Number</c> and <c>SqlState</c> from a driver's exception without referencing the driver: MySqlConnector's
/// <c>MySqlException</c> and MySql.Data's have both properties, by those names.
/// </summary>
/// <param name="Number">The server's (or client library's) error number.</param>
/// <param name="SqlState">The SQLSTATE, when the driver has one.</param>
internal readonly record struct MySqlErrorInfo(int Number, string? SqlState)
{
    private static readonly ConcurrentDictionary<Type, (PropertyInfo? Number, PropertyInfo? SqlState)> Properties = new();

    /// <summary>The error of <paramref name="exception"/> or of one of its inner exceptions, if any has a <c>Number</c>.</summary>
    public static MySqlErrorInfo? From(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            var (number, sqlState) = Properties.GetOrAdd(current.GetType(), Find);
            if (number?.GetValue(current) is { } value && TryInt(value, out var code))
            {
                return new MySqlErrorInfo(code, sqlState?.GetValue(current) as string);
            }
        }

        return null;
    }

    private static bool TryInt(object value, out int code)
    {
        switch (value)
        {
            case int i:
                code = i;
                return true;
            case Enum e:
                code = Convert.ToInt32(e, System.Globalization.CultureInfo.InvariantCulture);
                return true;
            default:
                code = 0;
                return false;
        }
    }

    private static (PropertyInfo?, PropertyInfo?) Find(Type type) =>
        (type.GetProperty("Number", BindingFlags.Public | BindingFlags.Instance), type.GetProperty("SqlState", BindingFlags.Public | BindingFlags.Instance));
}
