using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Relational.Schema;
using PowerSync.Backend.Relational.Sql;
using PowerSync.Backend.Relational.Values;

namespace PowerSync.Backend.Relational.Planning;

/// <summary>
/// Turns a transaction into as few statements as its order allows. Every table and column is resolved against the
/// catalog and every value converted first, so bad input is refused (naming the entry) before any SQL runs. Then
/// consecutive entries of one shape form a run, ending where a row id repeats since one statement cannot touch a row
/// twice; the dialect's <see cref="IStatementBuilder"/> writes each run's SQL.
/// </summary>
internal sealed class RelationalPlanner
{
    private readonly RelationalSettings _settings;
    private readonly ValueConverter _values;
    private readonly IStatementBuilder _statements;

    /// <summary>Creates the planner.</summary>
    public RelationalPlanner(RelationalSettings settings, ValueConverter values, IStatementBuilder statements)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(statements);
        _settings = settings;
        _values = values;
        _statements = statements;
    }

    /// <summary>Plans <paramref name="entries"/> against <paramref name="catalog"/>.</summary>
    /// <param name="entries">The entries, in order.</param>
    /// <param name="catalog">The catalog.</param>
    /// <param name="maxEntriesPerRun">The longest run; 1 replays entry by entry to find a failing one.</param>
    /// <returns>The statements, in order.</returns>
    /// <exception cref="SchemaMissException">A table or column is unknown (worth a catalog reload).</exception>
    /// <exception cref="CrudRejectedException">An entry cannot be applied: a refused table, a generated column, a bad value.</exception>
    public List<SqlStatement> Plan(IReadOnlyList<CrudEntry> entries, RelationalCatalog catalog, int maxEntriesPerRun = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var resolved = Resolve(entries, catalog);
        var statements = new List<SqlStatement>();
        foreach (var (start, count) in Runs(resolved, maxEntriesPerRun))
        {
            _statements.Build(new EntryRun(resolved, start, count), statements);
        }

        return statements;
    }

    /// <summary>Resolves and converts every entry.</summary>
    public ResolvedEntry[] Resolve(IReadOnlyList<CrudEntry> entries, RelationalCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(catalog);
        var resolved = new ResolvedEntry[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            resolved[i] = Resolve(entries[i], i, catalog, i > 0 ? resolved[i - 1] : null);
        }

        return resolved;
    }

    /// <summary>Cuts resolved entries into runs: maximal stretches of one shape without a repeated row id.</summary>
    /// <returns>Each run's start and length, in order.</returns>
    public static List<(int Start, int Count)> Runs(ResolvedEntry[] resolved, int maxEntriesPerRun = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEntriesPerRun);
        var runs = new List<(int, int)>();
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
                runs.Add((start, i - start));
                start = i;
                ids.Clear();
            }

            if (i < resolved.Length)
            {
                ids.Add(resolved[i].Id);
            }
        }

        return runs;
    }

    private ResolvedEntry Resolve(CrudEntry entry, int index, RelationalCatalog catalog, ResolvedEntry? previous)
    {
        var allowed = _settings.Tables.Count == 0 || _settings.Tables.Contains(entry.Table);
        if (!catalog.Tables.TryGetValue(entry.Table, out var table) || !allowed)
        {
            if (allowed && catalog.Refused.TryGetValue(entry.Table, out var reason))
            {
                throw new CrudRejectedException(ErrorCodes.SchemaMismatch, $"table '{Short(entry.Table)}' cannot be written: {reason}", index);
            }

            throw new SchemaMissException(index, $"unknown table '{Short(entry.Table)}'");
        }

        if (!_values.TryConvert(CrudValue.FromText(entry.Id), table.Id, out var id, out _) || id is null)
        {
            throw new CrudRejectedException(ErrorCodes.InvalidData, $"the row id is not a valid {table.Id.StoreType}", index);
        }

        var columns = new RelationalColumn[entry.Data.Count];
        var values = new string?[entry.Data.Count];
        var count = 0;
        foreach (var (name, value) in entry.Data.AsSpan())
        {
            if (!table.Columns.TryGetValue(name, out var column))
            {
                if (_settings.IgnoreUnknownColumns)
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

            if (!_values.TryConvert(value, column, out var text, out var problem))
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

        var operation = entry.Operation == CrudOperation.Patch && _settings.PatchInsertsMissingRows ? CrudOperation.Put : entry.Operation;
        return new ResolvedEntry(index, operation, table, id, columns, values, _settings.ReplaceOnPut.Contains(table.Name) && entry.Operation == CrudOperation.Put);
    }

    private static string Short(string name) => name.Length <= 64 ? name : name[..64] + "…";
}
