using Npgsql;
using PowerSync.Backend.Core.Errors;

namespace PowerSync.Backend.Postgres;

/// <summary>
/// Classifies PostgreSQL failures by SQLSTATE (never by message text): connection, serialization, deadlock,
/// resource and operator-intervention classes are retried; data and constraint errors are rejected with the
/// matching stable code.
/// </summary>
public sealed class PostgresErrorClassifier : IErrorClassifier
{
    /// <inheritdoc />
    public ErrorClassification? Classify(Exception exception) => exception switch
    {
        PostgresException postgres => Classify(postgres.SqlState),
        // Broken connections (including one lost during COMMIT) surface as NpgsqlException; the ledger makes re-applying safe.
        NpgsqlException { IsTransient: true } => ErrorClassification.Transient("connection"),
        NpgsqlException { InnerException: TimeoutException } => ErrorClassification.Transient("timeout"),
        _ => null,
    };

    /// <summary>Classifies a SQLSTATE.</summary>
    /// <param name="sqlState">The five-character SQLSTATE.</param>
    /// <returns>The classification, or <see langword="null"/> for a state this classifier does not know.</returns>
    public static ErrorClassification? Classify(string sqlState)
    {
        ArgumentNullException.ThrowIfNull(sqlState);
        if (sqlState.Length != 5)
        {
            return null;
        }

        var errorClass = sqlState[..2];
        return sqlState switch
        {
            "40001" or "40P01" or "55P03" or "57P01" or "57P02" or "57P03" => ErrorClassification.Transient(sqlState),
            "23502" => ErrorClassification.Rejected(ErrorCodes.NotNullViolation),
            "23503" => ErrorClassification.Rejected(ErrorCodes.ForeignKeyViolation),
            "23505" => ErrorClassification.Rejected(ErrorCodes.UniqueViolation),
            "23514" => ErrorClassification.Rejected(ErrorCodes.CheckViolation),
            "42501" => ErrorClassification.Rejected(ErrorCodes.Unauthorized),
            _ => errorClass switch
            {
                "08" or "53" or "58" => ErrorClassification.Transient(sqlState),
                "23" => ErrorClassification.Rejected(ErrorCodes.ConstraintViolation),
                "22" => ErrorClassification.Rejected(ErrorCodes.InvalidData),
                "42" => ErrorClassification.Rejected(ErrorCodes.SchemaMismatch),
                _ => null,
            },
        };
    }
}
