using System.Text;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Relational.Planning;
using PowerSync.Backend.Relational.Sql;

namespace PowerSync.Backend.Postgres.Sql;

/// <summary>
/// One statement per run over <c>unnest</c>ed text arrays (one array per column, one element per entry), cast to
/// each column's type: <c>INSERT … ON CONFLICT</c> for PUT, <c>UPDATE … FROM</c> for PATCH, <c>DELETE … = ANY</c>.
/// </summary>
internal sealed class PostgresStatementBuilder : IStatementBuilder
{
    /// <summary>The builder (stateless).</summary>
    public static PostgresStatementBuilder Instance { get; } = new();

    /// <inheritdoc />
    public void Build(EntryRun run, List<SqlStatement> statements)
    {
        ArgumentNullException.ThrowIfNull(statements);
        var sql = run.Operation switch
        {
            CrudOperation.Put => Upsert(run),
            CrudOperation.Patch when run.Columns.Length == 0 => null,
            CrudOperation.Patch => Update(run),
            _ => Delete(run),
        };
        if (sql is not null)
        {
            statements.Add(new SqlStatement(sql, Parameters(run), run.EntryIndexes()));
        }
    }

    /// <summary>The ids, then each column's values: one text array per parameter, one element per entry.</summary>
    private static SqlValue[] Parameters(EntryRun run)
    {
        var columns = run.Columns.Length;
        var parameters = new SqlValue[columns + 1];
        var ids = new string?[run.Count];
        for (var i = 0; i < run.Count; i++)
        {
            ids[i] = run[i].Id;
        }

        parameters[0] = SqlValue.TextArray(ids);
        for (var c = 0; c < columns; c++)
        {
            var values = new string?[run.Count];
            for (var i = 0; i < run.Count; i++)
            {
                values[i] = run[i].Values[c];
            }

            parameters[c + 1] = SqlValue.TextArray(values);
        }

        return parameters;
    }

    private static string Upsert(EntryRun run)
    {
        var table = run.Table;
        var columns = run.Columns;
        if (!run.Replace && run.OmitsRequiredColumn())
        {
            return UpdateThenInsert(run);
        }

        var sql = new StringBuilder("INSERT INTO ").Append(table.QualifiedName).Append(" (").Append(table.Id.QuotedName);
        foreach (var column in columns)
        {
            sql.Append(", ").Append(column.QuotedName);
        }

        sql.Append(") SELECT ");
        AppendCastList(sql, run);
        sql.Append(" FROM ");
        AppendUnnest(sql, run);
        sql.Append(" ON CONFLICT (").Append(table.Id.QuotedName).Append(')');

        var sets = columns.Select(c => $"{c.QuotedName} = EXCLUDED.{c.QuotedName}").ToList();
        if (run.Replace)
        {
            // Replace: the columns the client did not send go back to their defaults.
            sets.AddRange(table.Writable.Where(c => !columns.Contains(c)).Select(c => $"{c.QuotedName} = DEFAULT"));
        }

        return sets.Count == 0
            ? sql.Append(" DO NOTHING").ToString()
            : sql.Append(" DO UPDATE SET ").AppendJoin(", ", sets).ToString();
    }

    /// <summary>
    /// A merging upsert of rows that may exist, for writes that omit a NOT NULL column without a default. PostgreSQL
    /// checks NOT NULL on the row an upsert proposes before it looks for a conflict, so such an upsert would fail
    /// even for a row that exists and keeps its value: existing rows are updated first, and only the others inserted
    /// (where the missing column is rightly refused). A row inserted concurrently in between still meets the check.
    /// </summary>
    private static string UpdateThenInsert(EntryRun run)
    {
        var table = run.Table;
        var columns = run.Columns;
        var id = table.Id.QuotedName;
        var sql = new StringBuilder("WITH v AS (SELECT v.").Append(id).Append("::").Append(table.Id.StoreType).Append(" AS ").Append(id);
        foreach (var column in columns)
        {
            sql.Append(", v.").Append(column.QuotedName).Append("::").Append(column.StoreType).Append(" AS ").Append(column.QuotedName);
        }

        sql.Append(" FROM ");
        AppendUnnest(sql, run);
        sql.Append("), u AS (");
        if (columns.Length == 0)
        {
            sql.Append("SELECT t.").Append(id).Append(" FROM ").Append(table.QualifiedName).Append(" AS t JOIN v ON t.").Append(id).Append(" = v.").Append(id);
        }
        else
        {
            sql.Append("UPDATE ").Append(table.QualifiedName).Append(" AS t SET ")
                .AppendJoin(", ", columns.Select(c => $"{c.QuotedName} = v.{c.QuotedName}"))
                .Append(" FROM v WHERE t.").Append(id).Append(" = v.").Append(id).Append(" RETURNING t.").Append(id);
        }

        sql.Append(") INSERT INTO ").Append(table.QualifiedName).Append(" (").Append(id);
        foreach (var column in columns)
        {
            sql.Append(", ").Append(column.QuotedName);
        }

        sql.Append(") SELECT v.").Append(id);
        foreach (var column in columns)
        {
            sql.Append(", v.").Append(column.QuotedName);
        }

        sql.Append(" FROM v WHERE NOT EXISTS (SELECT FROM u WHERE u.").Append(id).Append(" = v.").Append(id).Append(") ON CONFLICT (").Append(id).Append(')');
        return columns.Length == 0
            ? sql.Append(" DO NOTHING").ToString()
            : sql.Append(" DO UPDATE SET ").AppendJoin(", ", columns.Select(c => $"{c.QuotedName} = EXCLUDED.{c.QuotedName}")).ToString();
    }

    private static string Update(EntryRun run)
    {
        var table = run.Table;
        var sql = new StringBuilder("UPDATE ").Append(table.QualifiedName).Append(" AS t SET ");
        sql.AppendJoin(", ", run.Columns.Select(c => $"{c.QuotedName} = v.{c.QuotedName}::{c.StoreType}"));
        sql.Append(" FROM ");
        AppendUnnest(sql, run);
        return sql.Append(" WHERE t.").Append(table.Id.QuotedName).Append(" = v.").Append(table.Id.QuotedName).Append("::").Append(table.Id.StoreType).ToString();
    }

    private static string Delete(EntryRun run)
    {
        var id = run.Table.Id;
        return $"DELETE FROM {run.Table.QualifiedName} AS t WHERE t.{id.QuotedName} = ANY ($1::text[]::{id.StoreType}[])";
    }

    private static void AppendCastList(StringBuilder sql, EntryRun run)
    {
        sql.Append("v.").Append(run.Table.Id.QuotedName).Append("::").Append(run.Table.Id.StoreType);
        foreach (var column in run.Columns)
        {
            sql.Append(", v.").Append(column.QuotedName).Append("::").Append(column.StoreType);
        }
    }

    private static void AppendUnnest(StringBuilder sql, EntryRun run)
    {
        var columns = run.Columns;
        sql.Append("unnest($1::text[]");
        for (var c = 0; c < columns.Length; c++)
        {
            sql.Append(", $").Append(c + 2).Append("::text[]");
        }

        sql.Append(") AS v(").Append(run.Table.Id.QuotedName);
        foreach (var column in columns)
        {
            sql.Append(", ").Append(column.QuotedName);
        }

        sql.Append(')');
    }
}
