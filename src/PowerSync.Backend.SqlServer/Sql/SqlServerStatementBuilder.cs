using System.Globalization;
using System.Text;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Relational.Planning;
using PowerSync.Backend.Relational.Schema;
using PowerSync.Backend.Relational.Sql;

namespace PowerSync.Backend.SqlServer.Sql;

/// <summary>
/// One statement per run over <c>OPENJSON</c> with an explicit <c>WITH</c> schema: the run travels as one
/// <c>nvarchar(max)</c> JSON parameter (far under the 2,100-parameter cap, and no user-defined table type to install),
/// each value read as text by position and cast to its column's type. PUT is <c>UPDATE … WITH (UPDLOCK, SERIALIZABLE)</c>
/// then an <c>INSERT</c> of the missing rows (never an unprotected <c>MERGE</c>, which races); PATCH an <c>UPDATE</c>;
/// DELETE a <c>DELETE … JOIN</c>.
/// </summary>
internal sealed class SqlServerStatementBuilder : IStatementBuilder
{
    /// <summary>The builder (stateless).</summary>
    public static SqlServerStatementBuilder Instance { get; } = new();

    /// <inheritdoc />
    public void Build(EntryRun run, List<SqlStatement> statements)
    {
        ArgumentNullException.ThrowIfNull(statements);
        // Parameter names must be unique across the statements of one command text: the ordinal makes them so.
        var parameter = "@j" + statements.Count.ToString(CultureInfo.InvariantCulture);
        var sql = run.Operation switch
        {
            CrudOperation.Put => Upsert(run, parameter),
            CrudOperation.Patch when run.Columns.Length == 0 => null,
            CrudOperation.Patch => Update(run, parameter, hints: string.Empty),
            _ => Delete(run, parameter),
        };
        if (sql is not null)
        {
            statements.Add(new SqlStatement(sql, [SqlValue.Json(SqlServerJson.Rows(run), parameter)], run.EntryIndexes()));
        }
    }

    /// <summary>The cast of text to a column's type; bytes come as <c>0x</c> hex, which only style 1 reads.</summary>
    internal static string Cast(RelationalColumn column, string source) => column.Kind == ColumnKind.Binary
        ? $"CONVERT({column.StoreType}, {source}, 1)"
        : $"CAST({source} AS {column.StoreType})";

    /// <summary>
    /// Existing rows are updated first under key-range locks held to the end of the transaction, so no other writer
    /// can insert one of the ids in between; only the rows still missing are inserted. A merging PUT that omits a NOT
    /// NULL column therefore succeeds for existing rows and is refused for new ones.
    /// </summary>
    private static string Upsert(EntryRun run, string parameter)
    {
        var table = run.Table;
        var sets = run.Columns.Select(c => $"{c.QuotedName} = {Cast(c, "v." + c.QuotedName)}").ToList();
        if (run.Replace)
        {
            // Replace: the columns the client did not send go back to their defaults.
            sets.AddRange(table.Writable.Where(c => !run.Columns.Contains(c)).Select(c => $"{c.QuotedName} = DEFAULT"));
        }

        var sql = new StringBuilder();
        if (sets.Count > 0)
        {
            sql.Append(Update(run, parameter, " WITH (UPDLOCK, SERIALIZABLE)", sets)).Append("; ");
        }

        var id = table.Id;
        sql.Append("INSERT INTO ").Append(table.QualifiedName).Append(" (").Append(id.QuotedName);
        foreach (var column in run.Columns)
        {
            sql.Append(", ").Append(column.QuotedName);
        }

        sql.Append(") SELECT ").Append(Cast(id, "v." + id.QuotedName));
        foreach (var column in run.Columns)
        {
            sql.Append(", ").Append(Cast(column, "v." + column.QuotedName));
        }

        sql.Append(" FROM ");
        AppendOpenJson(sql, run, parameter);
        return sql.Append(" WHERE NOT EXISTS (SELECT 1 FROM ").Append(table.QualifiedName).Append(" AS t WITH (UPDLOCK, SERIALIZABLE) WHERE t.")
            .Append(id.QuotedName).Append(" = ").Append(Cast(id, "v." + id.QuotedName)).Append(')').ToString();
    }

    private static string Update(EntryRun run, string parameter, string hints, List<string>? sets = null)
    {
        var table = run.Table;
        var sql = new StringBuilder("UPDATE t SET ");
        sql.AppendJoin(", ", sets ?? run.Columns.Select(c => $"{c.QuotedName} = {Cast(c, "v." + c.QuotedName)}"));
        sql.Append(" FROM ").Append(table.QualifiedName).Append(" AS t").Append(hints).Append(" JOIN ");
        AppendOpenJson(sql, run, parameter);
        return AppendIdMatch(sql, run).ToString();
    }

    private static string Delete(EntryRun run, string parameter)
    {
        var sql = new StringBuilder("DELETE t FROM ").Append(run.Table.QualifiedName).Append(" AS t JOIN ");
        AppendOpenJson(sql, run, parameter);
        return AppendIdMatch(sql, run).ToString();
    }

    private static StringBuilder AppendIdMatch(StringBuilder sql, EntryRun run)
    {
        var id = run.Table.Id;
        return sql.Append(" ON t.").Append(id.QuotedName).Append(" = ").Append(Cast(id, "v." + id.QuotedName));
    }

    /// <summary><c>OPENJSON(@j) WITH ([id] nvarchar(max) '$[0]', …) AS v</c>: values by position, so no name reaches a JSON path.</summary>
    private static void AppendOpenJson(StringBuilder sql, EntryRun run, string parameter)
    {
        sql.Append("OPENJSON(").Append(parameter).Append(") WITH (").Append(run.Table.Id.QuotedName).Append(" nvarchar(max) '$[0]'");
        var columns = run.Columns;
        for (var c = 0; c < columns.Length; c++)
        {
            sql.Append(", ").Append(columns[c].QuotedName).Append(" nvarchar(max) '$[").Append(c + 1).Append("]'");
        }

        sql.Append(") AS v");
    }
}
