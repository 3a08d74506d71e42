using System.Data;
using System.Data.Common;
using Microsoft.Data.SqlClient;

namespace PowerSync.Backend.SqlServer.Tests.Recording;

/// <summary>
/// A scripted ADO.NET driver that records every command the provider sends (text and parameters) and answers from a
/// responder, so the whole store runs without a server. Parameters are Microsoft.Data.SqlClient's own.
/// </summary>
internal sealed class RecordingDataSource(Func<string, DataTable[]> respond) : DbDataSource
{
    public List<RecordedCommand> Commands { get; } = [];

    public override string ConnectionString => "recording";

    public Func<string, DataTable[]> Respond { get; } = respond;

    protected override DbConnection CreateDbConnection() => new RecordingConnection(this);
}

/// <summary>One command as the provider sent it.</summary>
internal sealed record RecordedCommand(string Text, IReadOnlyList<(string Name, object? Value)> Parameters, bool InTransaction);

internal sealed class RecordingConnection(RecordingDataSource source) : DbConnection
{
    private ConnectionState _state = ConnectionState.Closed;

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string ConnectionString { get; set; } = "recording";

    public override string Database => "recording";

    public override string DataSource => "recording";

    public override string ServerVersion => "16.0";

    public override ConnectionState State => _state;

    public RecordingDataSource Source => source;

    protected override DbProviderFactory DbProviderFactory => SqlClientFactory.Instance;

    public override void ChangeDatabase(string databaseName)
    {
    }

    public override void Close() => _state = ConnectionState.Closed;

    public override void Open() => _state = ConnectionState.Open;

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => new RecordingTransaction(this, isolationLevel);

    protected override DbCommand CreateDbCommand() => new RecordingCommand { Connection = this };
}

internal sealed class RecordingTransaction(RecordingConnection connection, IsolationLevel isolationLevel) : DbTransaction
{
    public override IsolationLevel IsolationLevel => isolationLevel;

    protected override DbConnection DbConnection => connection;

    public override void Commit() => connection.Source.Commands.Add(new RecordedCommand("COMMIT", [], true));

    public override void Rollback() => connection.Source.Commands.Add(new RecordedCommand("ROLLBACK", [], true));
}

internal sealed class RecordingCommand : DbCommand
{
    private readonly SqlCommand _parameters = new();

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string CommandText { get; set; } = string.Empty;

    public override int CommandTimeout { get; set; }

    public override CommandType CommandType { get; set; }

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection { get; set; }

    protected override DbParameterCollection DbParameterCollection => _parameters.Parameters;

    protected override DbTransaction? DbTransaction { get; set; }

    public override void Cancel()
    {
    }

    public override int ExecuteNonQuery()
    {
        Run().Dispose();
        return 1;
    }

    public override object? ExecuteScalar() => null;

    public override void Prepare()
    {
    }

    protected override DbParameter CreateDbParameter() => new SqlParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Run();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _parameters.Dispose();
        }

        base.Dispose(disposing);
    }

    private DataTableReader Run()
    {
        var source = ((RecordingConnection)DbConnection!).Source;
        source.Commands.Add(new RecordedCommand(
            CommandText,
            _parameters.Parameters.Cast<SqlParameter>().Select(p => (p.ParameterName, p.Value is DBNull ? null : p.Value)).ToList(),
            DbTransaction is not null));
        var tables = source.Respond(CommandText);
        return new DataTableReader(tables.Length == 0 ? [new DataTable()] : tables);
    }
}
