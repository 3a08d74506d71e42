using System.Data.Common;

namespace PowerSync.Backend.MySql.TestDriver;

/// <summary>
/// An error reported by the server or by the client library, with the same property names as MySqlConnector's
/// <c>MySqlException</c> (<see cref="Number"/>, <see cref="SqlState"/>) so a classifier adapter reads both alike.
/// </summary>
public sealed class MariaDbException : DbException
{
    /// <summary>Creates an exception with no error number.</summary>
    public MariaDbException()
        : this("MariaDB error.", 0, "HY000")
    {
    }

    /// <summary>Creates an exception with a message and no error number.</summary>
    public MariaDbException(string message)
        : this(message, 0, "HY000")
    {
    }

    /// <summary>Creates an exception with a message, no error number and an inner exception.</summary>
    public MariaDbException(string message, Exception innerException)
        : base(message, innerException)
    {
        SqlState = "HY000";
    }

    /// <summary>Creates an exception for error <paramref name="number"/> with SQLSTATE <paramref name="sqlState"/>.</summary>
    public MariaDbException(string message, int number, string sqlState)
        : base(message)
    {
        Number = number;
        SqlState = sqlState;
    }

    /// <summary>
    /// The error number: <c>mysql_errno</c>, e.g. 1062 (duplicate key) from the server or 2002/2003
    /// (cannot connect) from the client library.
    /// </summary>
    public int Number { get; }

    /// <summary>The five-character SQLSTATE (<c>mysql_sqlstate</c>), e.g. <c>23000</c>.</summary>
    public override string SqlState { get; }

    /// <summary>The same as <see cref="Number"/>.</summary>
    public override int ErrorCode => Number;
}
