using System.Text;
using PowerSync.Backend.Relational.Planning;

namespace PowerSync.Backend.MySql.Sql;

/// <summary>The SQL of each statement shape.</summary>
internal sealed partial class MySqlStatementBuilder
{
    private void Upsert(StringBuilder sql, EntryRun run, int start, int count, Func<string?, string> parameter)
    {
        var table = run.Table;
        var columns = run.Columns;
        sql.Append("INSERT INTO ").Append(table.QualifiedName).Append(" (").Append(table.Id.QuotedName);
        foreach (var column in columns)
        {
            sql.Append(", ").Append(column.QuotedName);
        }

        sql.Append(") VALUES ");
        for (var i = 0; i < count; i++)
        {
            var entry = run[start + i];
            sql.Append(i == 0 ? "(" : ", (").Append(ValueOf(table.Id, parameter(entry.Id)));
            for (var c = 0; c < columns.Length; c++)
            {
                sql.Append(", ").Append(ValueOf(columns[c], parameter(entry.Values[c])));
            }

            sql.Append(')');
        }

        if (_flavor == MySqlFlavor.MySqlRowAlias)
        {
            sql.Append(" AS new");
        }

        sql.Append(" ON DUPLICATE KEY UPDATE ");
        var sets = columns.Select(c => c.QuotedName + " = " + Inserted(c.QuotedName)).ToList();
        if (run.Replace)
        {
            // Replace: the columns the client did not send go back to their defaults.
            sets.AddRange(table.Writable.Where(c => !columns.Contains(c)).Select(c => $"{c.QuotedName} = DEFAULT({c.QuotedName})"));
        }

        if (sets.Count == 0)
        {
            // Nothing to change on an existing row; assigning the id to itself is a no-op that still takes the row lock.
            sets.Add(table.Id.QuotedName + " = " + table.Id.QuotedName);
        }

        sql.AppendJoin(", ", sets);
    }

    private string Inserted(string quotedColumn) => _flavor switch
    {
        MySqlFlavor.MySqlRowAlias => "new." + quotedColumn,
        MySqlFlavor.MariaDb => "VALUE(" + quotedColumn + ")",
        _ => "VALUES(" + quotedColumn + ")",
    };

    private static void UpdateJoin(StringBuilder sql, EntryRun run, int start, int count, Func<string?, string> parameter)
    {
        var table = run.Table;
        sql.Append("UPDATE ").Append(table.QualifiedName).Append(" AS t JOIN (");
        Derived(sql, run, start, count, parameter);
        sql.Append(") AS v ON t.").Append(table.Id.QuotedName).Append(" = v.").Append(table.Id.QuotedName).Append(" SET ");
        sql.AppendJoin(", ", run.Columns.Select(c => $"t.{c.QuotedName} = v.{c.QuotedName}"));
    }

    private static void InsertMissing(StringBuilder sql, EntryRun run, int start, int count, Func<string?, string> parameter)
    {
        var table = run.Table;
        var id = table.Id.QuotedName;
        var columns = run.Columns;
        // MariaDB refuses an INSERT … SELECT that omits a NOT NULL column without a default even when it selects no
        // row; an explicit NULL is refused (1048) only for the rows actually inserted.
        var required = table.Writable.Where(c => c.NotNull && !c.HasDefault && Array.IndexOf(columns, c) < 0).ToArray();
        sql.Append("INSERT INTO ").Append(table.QualifiedName).Append(" (").Append(id);
        foreach (var column in columns.Concat(required))
        {
            sql.Append(", ").Append(column.QuotedName);
        }

        sql.Append(") SELECT v.").Append(id);
        foreach (var column in columns)
        {
            sql.Append(", v.").Append(column.QuotedName);
        }

        foreach (var unused in required)
        {
            sql.Append(", NULL");
        }

        sql.Append(" FROM (");
        Derived(sql, run, start, count, parameter);
        sql.Append(") AS v WHERE NOT EXISTS (SELECT 1 FROM ").Append(table.QualifiedName).Append(" AS t WHERE t.").Append(id).Append(" = v.").Append(id).Append(')');
    }

    /// <summary>A derived table of the entries' values: <c>SELECT a AS id, b AS c UNION ALL SELECT d, e</c>.</summary>
    private static void Derived(StringBuilder sql, EntryRun run, int start, int count, Func<string?, string> parameter)
    {
        var table = run.Table;
        var columns = run.Columns;
        for (var i = 0; i < count; i++)
        {
            var entry = run[start + i];
            sql.Append(i == 0 ? "SELECT " : " UNION ALL SELECT ").Append(ValueOf(table.Id, parameter(entry.Id)));
            if (i == 0)
            {
                sql.Append(" AS ").Append(table.Id.QuotedName);
            }

            for (var c = 0; c < columns.Length; c++)
            {
                sql.Append(", ").Append(ValueOf(columns[c], parameter(entry.Values[c])));
                if (i == 0)
                {
                    sql.Append(" AS ").Append(columns[c].QuotedName);
                }
            }
        }
    }

    private static void Delete(StringBuilder sql, EntryRun run, int start, int count, Func<string?, string> parameter)
    {
        var id = run.Table.Id;
        sql.Append("DELETE FROM ").Append(run.Table.QualifiedName).Append(" WHERE ").Append(id.QuotedName).Append(" IN (");
        for (var i = 0; i < count; i++)
        {
            sql.Append(i == 0 ? string.Empty : ", ").Append(ValueOf(id, parameter(run[start + i].Id)));
        }

        sql.Append(')');
    }
}
