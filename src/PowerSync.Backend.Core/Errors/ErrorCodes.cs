namespace PowerSync.Backend.Core.Errors;

/// <summary>
/// The stable error codes reported in <c>failed_operation.error_code</c>. Appliers and hooks may use
/// codes of their own; these are the ones PowerSync's reference write API and this library define.
/// </summary>
public static class ErrorCodes
{
    /// <summary>A required column was NULL or missing.</summary>
    public const string NotNullViolation = "NOT_NULL_VIOLATION";

    /// <summary>A unique or primary-key constraint was violated.</summary>
    public const string UniqueViolation = "UNIQUE_VIOLATION";

    /// <summary>A foreign-key constraint was violated.</summary>
    public const string ForeignKeyViolation = "FOREIGN_KEY_VIOLATION";

    /// <summary>A check constraint was violated.</summary>
    public const string CheckViolation = "CHECK_VIOLATION";

    /// <summary>A constraint the backend could not identify more precisely was violated.</summary>
    public const string ConstraintViolation = "CONSTRAINT_VIOLATION";

    /// <summary>A value cannot be stored in its column (malformed, wrong type, out of range).</summary>
    public const string InvalidData = "INVALID_DATA";

    /// <summary>The table or a column does not exist in the source database, or may not be written.</summary>
    public const string SchemaMismatch = "SCHEMA_MISMATCH";

    /// <summary>A document failed the database's schema validation (document stores).</summary>
    public const string DocumentValidationFailure = "DOCUMENT_VALIDATION_FAILURE";

    /// <summary>The user may not make this write.</summary>
    public const string Unauthorized = "UNAUTHORIZED";

    /// <summary>A conflict check refused the write because the stored row changed.</summary>
    public const string Conflict = "CONFLICT";

    /// <summary>A validation hook refused the write.</summary>
    public const string ValidationFailed = "VALIDATION_FAILED";

    /// <summary>An error the backend did not recognise.</summary>
    public const string UnclassifiedError = "UNCLASSIFIED_ERROR";

    /// <summary>A transient failure (reported with retries, never as a fatal code).</summary>
    public const string Transient = "TRANSIENT";
}
