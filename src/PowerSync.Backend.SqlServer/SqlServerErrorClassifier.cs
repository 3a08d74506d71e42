using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using PowerSync.Backend.Core.Errors;

namespace PowerSync.Backend.SqlServer;

/// <summary>
/// Classifies SQL Server failures by error number (never by message text): deadlocks, lock timeouts, throttling,
/// failover and broken connections are retried; constraint, data, schema and permission errors are rejected with the
/// matching stable code.
/// </summary>
/// <remarks>
/// The number is read from the exception's public <c>Number</c> property (<c>SqlException.Number</c> in
/// Microsoft.Data.SqlClient and System.Data.SqlClient), so the package references no driver. Inner exceptions are
/// searched too.
/// </remarks>
public sealed class SqlServerErrorClassifier : IErrorClassifier
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo?> NumberProperties = new();
    private static readonly ConcurrentDictionary<Type, PropertyInfo?> ClassProperties = new();

    /// <inheritdoc />
    /// <remarks>
    /// A failure whose number is not in the table but whose severity (<c>Class</c>) is 20 or more ended the connection
    /// (SqlClient reports a refused or broken connection as number 0, class 20): it is retried as a connection failure,
    /// safe for the same reason as a timeout.
    /// </remarks>
    public ErrorClassification? Classify(Exception exception) => NumberOf(exception) is { } number
        ? Classify(number) ?? (SeverityOf(exception) >= 20 ? ErrorClassification.Transient("connection") : null)
        : null;

    /// <summary>Classifies a SQL Server error number.</summary>
    /// <param name="number">The error number (<c>SqlException.Number</c>).</param>
    /// <returns>The classification, or <see langword="null"/> for a number this classifier does not know.</returns>
    public static ErrorClassification? Classify(int number) => number switch
    {
        // A client timeout may hide a statement that committed; retrying is safe only because the ledger skips a
        // transaction that did commit, so re-application changes nothing.
        -2 => ErrorClassification.Transient("timeout"),
        1205 or 1222 or (>= 49918 and <= 49920) or 40501 or 40613 or 40197 or 4060 or 233 or 64
            or 10053 or 10054 or 10060 or 10928 or 10929 => ErrorClassification.Transient(number.ToString(CultureInfo.InvariantCulture)),
        2627 or 2601 => ErrorClassification.Rejected(ErrorCodes.UniqueViolation),
        // 547 covers foreign keys and check constraints alike; the number does not tell them apart, and message text is never parsed.
        547 => ErrorClassification.Rejected(ErrorCodes.ConstraintViolation),
        515 => ErrorClassification.Rejected(ErrorCodes.NotNullViolation),
        245 or 8114 or 8115 or 8152 or 2628 or 241 or 242 => ErrorClassification.Rejected(ErrorCodes.InvalidData),
        207 or 208 => ErrorClassification.Rejected(ErrorCodes.SchemaMismatch),
        229 or 230 => ErrorClassification.Rejected(ErrorCodes.Unauthorized),
        _ => null,
    };

    /// <summary>The SQL Server error number of <paramref name="exception"/> or of one of its inner exceptions.</summary>
    internal static int? NumberOf(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            var property = NumberProperties.GetOrAdd(current.GetType(), static type => type.GetProperty("Number", BindingFlags.Public | BindingFlags.Instance));
            if (property is { PropertyType: var propertyType } && propertyType == typeof(int) && property.GetValue(current) is int number)
            {
                return number;
            }
        }

        return null;
    }

    /// <summary>The severity (<c>SqlException.Class</c>) of the first exception in the chain that has a number, or 0.</summary>
    internal static int SeverityOf(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            var property = ClassProperties.GetOrAdd(current.GetType(), static type => type.GetProperty("Class", BindingFlags.Public | BindingFlags.Instance));
            if (property?.GetValue(current) is byte severity)
            {
                return severity;
            }
        }

        return 0;
    }
}
