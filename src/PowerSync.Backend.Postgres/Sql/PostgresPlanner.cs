using System.Text;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Postgres.Schema;

namespace PowerSync.Backend.Postgres.Sql;

/// <summary>
/// Turns a transaction into as few statements as its order allows: consecutive entries for the same table,
/// operation and columns share one statement over <c>unnest</c>ed text arrays, cast to each column's type.
/// A run ends where a row id repeats, since one statement cannot touch a row twice. Every table and
/// column is resolved against the catalog and every value converted first, so bad input is refused
/// (naming the entry) before any SQL runs; only quoted catalog names ever reach the SQL.
/// </summary>
internal static class PostgresPlanner
{
    public static List<PlannedStatement> Plan(IReadOnlyList<CrudEntry> entries, PostgresSchemaSnapshot schema, PostgresBackendOptions options, int maxEntriesPerRun = int.MaxValue)
    {
        var resolved = new ResolvedEntry[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            resolved[i] = Resolve(entries[i], i, schema, options, i > 0 ? resolved[i - 1] : null);
        }

        var statements = new List<PlannedStatement>();
        var start = 0;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i <= resolved.Length; i++)
        {
            var ends = i == resolved.Length
                || i - start == maxEntriesPerRun
                || !resolved[i].SameShape(resolved[start])
                || ids.Contains(resolved[i].Id);
            if (ends && i > start)
            {
                if (Build(resolved, start, i) is { } statement)
                {
                    statements.Add(statement);
                }

                start = i;
                ids.Clear();
            }

            if (i < resolved.Length)
            {
                ids.Add(resolved[i].Id);
            }
        }

        return statements;
    }

    private static ResolvedEntry Resolve(CrudEntry entry, int index, PostgresSchemaSnapshot schema, PostgresBackendOptions options, ResolvedEntry? previous)
    {
        if (!schema.Tables.TryGetValue(entry.Table, out var table) || (options.Tables.Count > 0 && !options.Tables.Contains(entry.Table)))
        {
            if (schema.Refused.TryGetValue(entry.Table, out var reason) && (options.Tables.Count == 0 || options.Tables.Contains(entry.Table)))
            {
                throw new CrudRejectedException(ErrorCodes.SchemaMismatch, $"table '{Short(entry.Table)}' cannot be written: {reason}", index);
            }

            throw new SchemaMissException(index, $"unknown table '{Short(entry.Table)}'");
        }

        if (!PostgresValueConverter.TryConvert(CrudValue.FromText(entry.Id), table.Id, out var id, out _) || id is null)
        {
            throw new CrudRejectedException(ErrorCodes.InvalidData, $"the row id is not a valid {table.Id.SqlType}", index);
        }

        var columns = new PostgresColumn[entry.Data.Count];
        var values = new string?[entry.Data.Count];
        var count = 0;
        foreach (var (name, value) in entry.Data.AsSpan())
        {
            if (!table.Columns.TryGetValue(name, out var column))
            {
                if (options.IgnoreUnknownColumns)
                {
                    continue;
                }

                throw new SchemaMissException(index, $"unknown column '{Short(name)}' in table '{Short(table.Name)}'");
            }

            if (ReferenceEquals(column, table.Id))
            {
                continue;
            }

            if (column.IsGenerated)
            {
                throw new CrudRejectedException(ErrorCodes.SchemaMismatch, $"column '{Short(name)}' is generated and cannot be written", index);
            }

            if (!PostgresValueConverter.TryConvert(value, column, out var text, out var problem))
            {
                throw new CrudRejectedException(ErrorCodes.InvalidData, $"column '{Short(name)}': {problem}", index);
            }

            if (text is null && column.NotNull && entry.Operation == CrudOperation.Patch)
            {
                throw new CrudRejectedException(ErrorCodes.NotNullViolation, $"column '{Short(name)}' cannot be null", index);
            }

            // Insertion by table order, so that entries sending the same columns in another order share a statement.
            var at = count++;
            while (at > 0 && table.OrdinalOf(columns[at - 1]) > table.OrdinalOf(column))
            {
                columns[at] = columns[at - 1];
                values[at] = values[at - 1];
                at--;
            }

            columns[at] = column;
            values[at] = text;
        }

        if (count < columns.Length)
        {
            Array.Resize(ref columns, count);
            Array.Resize(ref values, count);
        }

        // Consecutive entries usually send the same columns: share one array between them.
        if (previous is not null && ReferenceEquals(previous.Table, table) && previous.Columns.AsSpan().SequenceEqual(columns))
        {
            columns = previous.Columns;
        }

        var operation = entry.Operation == CrudOperation.Patch && options.PatchInsertsMissingRows ? CrudOperation.Put : entry.Operation;
        return new ResolvedEntry(index, operation, table, id, columns, values, options.ReplaceOnPut.Contains(table.Name) && entry.Operation == CrudOperation.Put);
    }

    private static PlannedStatement? Build(ResolvedEntry[] entries, int start, int end)
    {
        var first = entries[start];
        var count = end - start;
        var indexes = new int[count];
        var parameters = new string?[first.Columns.Length + 1][];
        for (var p = 0; p < parameters.Length; p++)
        {
            parameters[p] = new string?[count];
        }

        for (var i = 0; i < count; i++)
        {
            var entry = entries[start + i];
            indexes[i] = entry.Index;
            parameters[0][i] = entry.Id;
            for (var c = 0; c < entry.Values.Length; c++)
            {
                parameters[c + 1][i] = entry.Values[c];
            }
        }

        var sql = first.Operation switch
        {
            CrudOperation.Put => Upsert(first),
            CrudOperation.Patch when first.Columns.Length == 0 => null,
            CrudOperation.Patch => Update(first),
            _ => Delete(first),
        };
        return sql is null ? null : new PlannedStatement(sql, first.Operation == CrudOperation.Delete ? [parameters[0]] : parameters, indexes);
    }

    private static string Upsert(ResolvedEntry shape)
    {
        var table = shape.Table;
        if (!shape.Replace && OmitsRequiredColumn(shape))
        {
            return UpdateThenInsert(shape);
        }

        var sql = new StringBuilder("INSERT INTO ").Append(table.QualifiedName).Append(" (").Append(table.Id.QuotedName);
        foreach (var column in shape.Columns)
        {
            sql.Append(", ").Append(column.QuotedName);
        }

        sql.Append(") SELECT ");
        AppendCastList(sql, shape);
        sql.Append(" FROM ");
        AppendUnnest(sql, shape);
        sql.Append(" ON CONFLICT (").Append(table.Id.QuotedName).Append(')');

        var sets = shape.Columns.Select(c => $"{c.QuotedName} = EXCLUDED.{c.QuotedName}").ToList();
        if (shape.Replace)
        {
            // Replace: the columns the client did not send go back to their defaults.
            sets.AddRange(table.Writable.Where(c => !shape.Columns.Contains(c)).Select(c => $"{c.QuotedName} = DEFAULT"));
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
    private static string UpdateThenInsert(ResolvedEntry shape)
    {
        var table = shape.Table;
        var id = table.Id.QuotedName;
        var sql = new StringBuilder("WITH v AS (SELECT v.").Append(id).Append("::").Append(table.Id.SqlType).Append(" AS ").Append(id);
        foreach (var column in shape.Columns)
        {
            sql.Append(", v.").Append(column.QuotedName).Append("::").Append(column.SqlType).Append(" AS ").Append(column.QuotedName);
        }

        sql.Append(" FROM ");
        AppendUnnest(sql, shape);
        sql.Append("), u AS (");
        if (shape.Columns.Length == 0)
        {
            sql.Append("SELECT t.").Append(id).Append(" FROM ").Append(table.QualifiedName).Append(" AS t JOIN v ON t.").Append(id).Append(" = v.").Append(id);
        }
        else
        {
            sql.Append("UPDATE ").Append(table.QualifiedName).Append(" AS t SET ")
                .AppendJoin(", ", shape.Columns.Select(c => $"{c.QuotedName} = v.{c.QuotedName}"))
                .Append(" FROM v WHERE t.").Append(id).Append(" = v.").Append(id).Append(" RETURNING t.").Append(id);
        }

        sql.Append(") INSERT INTO ").Append(table.QualifiedName).Append(" (").Append(id);
        foreach (var column in shape.Columns)
        {
            sql.Append(", ").Append(column.QuotedName);
        }

        sql.Append(") SELECT v.").Append(id);
        foreach (var column in shape.Columns)
        {
            sql.Append(", v.").Append(column.QuotedName);
        }

        sql.Append(" FROM v WHERE NOT EXISTS (SELECT FROM u WHERE u.").Append(id).Append(" = v.").Append(id).Append(") ON CONFLICT (").Append(id).Append(')');
        return shape.Columns.Length == 0
            ? sql.Append(" DO NOTHING").ToString()
            : sql.Append(" DO UPDATE SET ").AppendJoin(", ", shape.Columns.Select(c => $"{c.QuotedName} = EXCLUDED.{c.QuotedName}")).ToString();
    }

    private static bool OmitsRequiredColumn(ResolvedEntry shape)
    {
        foreach (var column in shape.Table.Writable)
        {
            if (column.NotNull && !column.HasDefault && Array.IndexOf(shape.Columns, column) < 0)
            {
                return true;
            }
        }

        return false;
    }

    private static string Update(ResolvedEntry shape)
    {
        var table = shape.Table;
        var sql = new StringBuilder("UPDATE ").Append(table.QualifiedName).Append(" AS t SET ");
        sql.AppendJoin(", ", shape.Columns.Select(c => $"{c.QuotedName} = v.{c.QuotedName}::{c.SqlType}"));
        sql.Append(" FROM ");
        AppendUnnest(sql, shape);
        return sql.Append(" WHERE t.").Append(table.Id.QuotedName).Append(" = v.").Append(table.Id.QuotedName).Append("::").Append(table.Id.SqlType).ToString();
    }

    private static string Delete(ResolvedEntry shape)
    {
        var id = shape.Table.Id;
        return $"DELETE FROM {shape.Table.QualifiedName} AS t WHERE t.{id.QuotedName} = ANY ($1::text[]::{id.SqlType}[])";
    }

    private static void AppendCastList(StringBuilder sql, ResolvedEntry shape)
    {
        sql.Append("v.").Append(shape.Table.Id.QuotedName).Append("::").Append(shape.Table.Id.SqlType);
        foreach (var column in shape.Columns)
        {
            sql.Append(", v.").Append(column.QuotedName).Append("::").Append(column.SqlType);
        }
    }

    private static void AppendUnnest(StringBuilder sql, ResolvedEntry shape)
    {
        sql.Append("unnest($1::text[]");
        for (var c = 0; c < shape.Columns.Length; c++)
        {
            sql.Append(", $").Append(c + 2).Append("::text[]");
        }

        sql.Append(") AS v(").Append(shape.Table.Id.QuotedName);
        foreach (var column in shape.Columns)
        {
            sql.Append(", ").Append(column.QuotedName);
        }

        sql.Append(')');
    }

    private static string Short(string name) => name.Length <= 64 ? name : name[..64] + "…";

    private sealed record ResolvedEntry(int Index, CrudOperation Operation, PostgresTable Table, string Id, PostgresColumn[] Columns, string?[] Values, bool Replace)
    {
        public bool SameShape(ResolvedEntry other) =>
            Operation == other.Operation
            && ReferenceEquals(Table, other.Table)
            && Replace == other.Replace
            && (Operation == CrudOperation.Delete || Columns.AsSpan().SequenceEqual(other.Columns));
    }
}
