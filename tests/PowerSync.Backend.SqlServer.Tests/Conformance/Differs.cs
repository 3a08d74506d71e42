namespace PowerSync.Backend.SqlServer.Tests.Conformance;

/// <summary>Why a conformance expectation does not hold on SQL Server (see <see cref="DiffersAttribute"/>).</summary>
internal static class Differs
{
    public const string ForeignKeyIs547 =
        "SQL Server reports a foreign-key violation as error 547, the number it also uses for CHECK constraints; the classifier maps 547 to CONSTRAINT_VIOLATION " +
        "and never reads message text, so FOREIGN_KEY_VIOLATION is not reported (SqlServerErrorClassifierTests pins 547).";

    public const string NoEnumsOrArrays =
        "SQL Server has no enum or array types: the conformance schema stores them as nvarchar with a CHECK constraint (547, CONSTRAINT_VIOLATION) " +
        "or ISJSON JSON, so element and label checks are the server's, not INVALID_DATA.";
}
