using PowerSync.Backend.Core.Errors;

namespace PowerSync.Backend.MySql;

/// <summary>
/// Classifies MySQL and MariaDB failures by error number and SQLSTATE (never by message text), read from the driver's
/// exception through its <c>Number</c> and <c>SqlState</c> properties: lock waits, deadlocks, lost or refused
/// connections and read-only states are retried (and every SQLSTATE of classes <c>08</c> and <c>40</c>); constraint,
/// data, schema and privilege errors are rejected with the matching stable code.
/// </summary>
public sealed class MySqlErrorClassifier : IErrorClassifier
{
    /// <inheritdoc />
    public ErrorClassification? Classify(Exception exception) =>
        MySqlErrorInfo.From(exception) is { } error ? Classify(error.Number, error.SqlState) : null;

    /// <summary>Classifies an error number and SQLSTATE.</summary>
    /// <param name="number">The error number (server 1000–4999, client library 2000–2999).</param>
    /// <param name="sqlState">The SQLSTATE, or <see langword="null"/>.</param>
    /// <returns>The classification, or <see langword="null"/> for an error this classifier does not know.</returns>
    public static ErrorClassification? Classify(int number, string? sqlState)
    {
        var code = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return number switch
        {
            // Lock wait timeout, deadlock, too many connections, shutdown, aborted or broken connections, read-only
            // replica states, MySqlConnector's "unable to connect", libmariadb's connect and gone-away errors.
            1205 or 1213 or 1040 or 1042 or 1053 or 1152 or (>= 1158 and <= 1161) or 1927 or 2002 or 2003 or 2006 or 2013 or 3024 =>
                ErrorClassification.Transient(code),
            1062 => ErrorClassification.Rejected(ErrorCodes.UniqueViolation),
            1451 or 1452 => ErrorClassification.Rejected(ErrorCodes.ForeignKeyViolation),
            // 1364: an insert omitted a NOT NULL column without a default (strict mode).
            1048 or 1364 => ErrorClassification.Rejected(ErrorCodes.NotNullViolation),
            3819 or 4025 => ErrorClassification.Rejected(ErrorCodes.CheckViolation),
            1264 or 1265 or 1292 or 1366 or 1406 => ErrorClassification.Rejected(ErrorCodes.InvalidData),
            1054 or 1146 => ErrorClassification.Rejected(ErrorCodes.SchemaMismatch),
            1142 or 1143 => ErrorClassification.Rejected(ErrorCodes.Unauthorized),
            _ => sqlState is { Length: 5 } && (sqlState.StartsWith("08", StringComparison.Ordinal) || sqlState.StartsWith("40", StringComparison.Ordinal))
                ? ErrorClassification.Transient(sqlState)
                : null,
        };
    }
}
