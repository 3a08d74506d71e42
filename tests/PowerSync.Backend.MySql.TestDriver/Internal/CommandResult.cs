namespace PowerSync.Backend.MySql.TestDriver.Internal;

/// <summary>Everything one query text returned, read to the end before the caller sees any of it.</summary>
internal sealed class CommandResult(IReadOnlyList<ResultSetData> resultSets, long recordsAffected, ulong lastInsertId)
{
    /// <summary>The result sets of the statements that returned rows, in order.</summary>
    public IReadOnlyList<ResultSetData> ResultSets { get; } = resultSets;

    /// <summary>Sum of affected rows over the statements without a result set; -1 when every statement returned rows.</summary>
    public long RecordsAffected { get; } = recordsAffected;

    /// <summary><c>mysql_insert_id</c> after the last statement that did not return rows.</summary>
    public ulong LastInsertId { get; } = lastInsertId;
}
