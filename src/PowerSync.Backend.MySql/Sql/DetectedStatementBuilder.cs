using PowerSync.Backend.Relational.Planning;
using PowerSync.Backend.Relational.Sql;

namespace PowerSync.Backend.MySql.Sql;

/// <summary>
/// Forwards to the builder for the server detected at first use: the upsert spelling and the packet limit are only
/// known once the server answered, while the store takes its builder when it is constructed.
/// </summary>
internal sealed class DetectedStatementBuilder : IStatementBuilder
{
    private volatile MySqlStatementBuilder? _inner;

    /// <summary>The builder for the detected server.</summary>
    public MySqlStatementBuilder? Inner
    {
        get => _inner;
        set => _inner = value;
    }

    /// <inheritdoc />
    public void Build(EntryRun run, List<SqlStatement> statements) =>
        (_inner ?? throw new InvalidOperationException("The MySQL server has not been detected yet (the catalog is read first).")).Build(run, statements);
}
