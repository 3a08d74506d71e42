using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Relational.Planning;
using PowerSync.Backend.Relational.Sql;

namespace PowerSync.Backend.Relational.Tests.Planning;

/// <summary>A dialect that writes each run as a readable line, so tests see how the planner cut the transaction.</summary>
internal sealed class RecordingBuilder : IStatementBuilder
{
    public void Build(EntryRun run, List<SqlStatement> statements)
    {
        var columns = string.Join(",", run.Columns.Select(c => c.Name));
        var mode = run.Replace ? " replace" : string.Empty;
        var values = Enumerable.Range(0, run.Count).Select(i => SqlValue.Text(run[i].Id + "=" + string.Join(",", run[i].Values.Select(v => v ?? "~")))).ToArray();
        statements.Add(new SqlStatement($"{run.Operation} {run.Table.Name}({columns}){mode}", values, run.EntryIndexes()));
    }

    public static string Describe(SqlStatement statement) =>
        statement.Sql + " " + string.Join(" ", statement.Parameters.Select(p => (string)p.Value!)) + " @" + string.Join(",", statement.Entries);

    public static CrudOperation OperationOf(SqlStatement statement) => Enum.Parse<CrudOperation>(statement.Sql.Split(' ')[0]);
}
