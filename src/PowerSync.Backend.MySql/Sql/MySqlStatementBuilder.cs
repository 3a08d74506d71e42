using System.Globalization;
using System.Text;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Relational.Planning;
using PowerSync.Backend.Relational.Schema;
using PowerSync.Backend.Relational.Sql;

namespace PowerSync.Backend.MySql.Sql;

/// <summary>
/// Multi-row statements, cut to <see cref="MySqlStatementLimits"/>: PUT as <c>INSERT … VALUES (…), (…) ON DUPLICATE
/// KEY UPDATE</c> (MySQL 8.0.19+'s row alias, MariaDB's <c>VALUE(c)</c>); PATCH as one <c>UPDATE … JOIN</c> of a
/// derived table of the new values (<c>SELECT … UNION ALL SELECT …</c>), set-based whatever the rows; DELETE as
/// <c>DELETE … WHERE id IN (…)</c>. A merging PUT that omits a NOT NULL column without a default updates the rows
/// that exist first and inserts only the others, because MySQL fills the proposed row (and refuses the missing
/// column) before it finds the duplicate key.
/// </summary>
internal sealed partial class MySqlStatementBuilder : IStatementBuilder
{
    private readonly MySqlFlavor _flavor;
    private readonly MySqlStatementLimits _limits;

    /// <summary>Creates the builder.</summary>
    public MySqlStatementBuilder(MySqlFlavor flavor, MySqlStatementLimits limits)
    {
        _flavor = flavor;
        _limits = limits;
    }

    /// <inheritdoc />
    public void Build(EntryRun run, List<SqlStatement> statements)
    {
        ArgumentNullException.ThrowIfNull(statements);
        if (run.Operation == CrudOperation.Patch && run.Columns.Length == 0)
        {
            return;
        }

        var start = 0;
        while (start < run.Count)
        {
            var count = ChunkSize(run, start);
            var entries = new int[count];
            for (var i = 0; i < count; i++)
            {
                entries[i] = run[start + i].Index;
            }

            switch (run.Operation)
            {
                case CrudOperation.Put when !run.Replace && run.OmitsRequiredColumn():
                    if (run.Columns.Length > 0)
                    {
                        statements.Add(Statement(run, start, count, statements.Count, entries, UpdateJoin));
                    }

                    statements.Add(Statement(run, start, count, statements.Count, entries, InsertMissing));
                    break;
                case CrudOperation.Put:
                    statements.Add(Statement(run, start, count, statements.Count, entries, Upsert));
                    break;
                case CrudOperation.Patch:
                    statements.Add(Statement(run, start, count, statements.Count, entries, UpdateJoin));
                    break;
                default:
                    statements.Add(Statement(run, start, count, statements.Count, entries, Delete));
                    break;
            }

            start += count;
        }
    }

    /// <summary>How many entries from <paramref name="start"/> fit in one statement (at least one).</summary>
    private int ChunkSize(EntryRun run, int start)
    {
        var perRow = run.Operation == CrudOperation.Delete ? 1 : run.Columns.Length + 1;
        long bytes = 0;
        var count = 0;
        while (start + count < run.Count && count < _limits.MaxRows && (count + 1) * perRow <= _limits.MaxParameters)
        {
            var entry = run[start + count];
            long rowBytes = Escaped(entry.Id) + (perRow * 16);
            if (run.Operation != CrudOperation.Delete)
            {
                foreach (var value in entry.Values)
                {
                    rowBytes += Escaped(value);
                }
            }

            if (count > 0 && bytes + rowBytes > _limits.MaxBytes)
            {
                break;
            }

            bytes += rowBytes;
            count++;
        }

        return Math.Max(count, 1);
    }

    // Escaping at most doubles each byte; UTF-8 takes at most three bytes per UTF-16 unit.
    private static long Escaped(string? value) => value is null ? 4 : (value.Length * 6L) + 2;

    private delegate void Writer(StringBuilder sql, EntryRun run, int start, int count, Func<string?, string> parameter);

    private SqlStatement Statement(EntryRun run, int start, int count, int ordinal, int[] entries, Writer write)
    {
        var parameters = new List<SqlValue>(count * (run.Columns.Length + 1));
        var prefix = "@p" + ordinal.ToString(CultureInfo.InvariantCulture) + "_";
        string Parameter(string? value)
        {
            var name = prefix + parameters.Count.ToString(CultureInfo.InvariantCulture);
            parameters.Add(SqlValue.Text(value, name));
            return name;
        }

        var sql = new StringBuilder();
        write(sql, run, start, count, Parameter);
        return new SqlStatement(sql.ToString(), [.. parameters], entries);
    }

    /// <summary>The SQL that turns a parameter into a column's value: hex for bytes, UTC to the session zone for TIMESTAMP.</summary>
    private static string ValueOf(RelationalColumn column, string parameter) => column.Kind switch
    {
        ColumnKind.Binary => $"UNHEX({parameter})",
        ColumnKind.Uuid when column.StoreType.StartsWith("binary", StringComparison.OrdinalIgnoreCase) => $"UNHEX(REPLACE({parameter}, '-', ''))",
        ColumnKind.TimestampTz => $"CONVERT_TZ({parameter}, '+00:00', @@session.time_zone)",
        _ => parameter,
    };
}
