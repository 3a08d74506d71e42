using PowerSync.Backend.Core.Conflicts;
using PowerSync.Backend.Core.Hooks;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Processing;

namespace PowerSync.Backend.Core.DependencyInjection;

/// <summary>
/// Hooks and mappings for one client table, in the order they are declared. Table hooks run after the
/// global hooks registered in DI, within the same stage.
/// </summary>
public sealed class TableBuilder
{
    private readonly TableConfiguration _table;

    internal TableBuilder(string clientTable, TableConfiguration table)
    {
        ClientTable = clientTable;
        _table = table;
    }

    /// <summary>The table as clients name it.</summary>
    public string ClientTable { get; }

    /// <summary>Adds an authorization check.</summary>
    /// <param name="authorize">Returns <see cref="EntryVerdict.Accept"/> or a refusal.</param>
    /// <returns>This builder.</returns>
    public TableBuilder Authorize(Func<EntryContext, CancellationToken, ValueTask<EntryVerdict>> authorize)
    {
        ArgumentNullException.ThrowIfNull(authorize);
        _table.Authorizers.Add(authorize);
        return this;
    }

    /// <summary>Adds a synchronous authorization check.</summary>
    /// <param name="allow">Whether the user may make the write.</param>
    /// <param name="message">The refusal's message.</param>
    /// <returns>This builder.</returns>
    public TableBuilder Authorize(Func<EntryContext, bool> allow, string message = "the user may not write this row")
    {
        ArgumentNullException.ThrowIfNull(allow);
        return Authorize((context, _) => ValueTask.FromResult(allow(context) ? EntryVerdict.Accept : EntryVerdict.Unauthorized(message)));
    }

    /// <summary>Refuses every operation not listed (for example read-only or insert-only tables).</summary>
    /// <param name="operations">The operations clients may perform.</param>
    /// <returns>This builder.</returns>
    public TableBuilder AllowOperations(params CrudOperation[] operations)
    {
        var allowed = operations.ToHashSet();
        return Authorize((context, _) => ValueTask.FromResult(allowed.Contains(context.Entry.Operation)
            ? EntryVerdict.Accept
            : EntryVerdict.Unauthorized($"{context.Entry.Operation.ToString().ToUpperInvariant()} is not allowed on '{ClientTable}'")));
    }

    /// <summary>Adds a mapping step.</summary>
    /// <param name="map">Returns the entry to apply, or <see langword="null"/> to drop it.</param>
    /// <returns>This builder.</returns>
    public TableBuilder Map(Func<EntryContext, CancellationToken, ValueTask<CrudEntry?>> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        _table.Mappers.Add(map);
        return this;
    }

    /// <summary>Adds a synchronous mapping step.</summary>
    /// <param name="map">Returns the entry to apply, or <see langword="null"/> to drop it.</param>
    /// <returns>This builder.</returns>
    public TableBuilder Map(Func<EntryContext, CrudEntry?> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return Map((context, _) => ValueTask.FromResult(map(context)));
    }

    /// <summary>Writes the table's entries to another source table.</summary>
    /// <param name="sourceTable">The source table's name.</param>
    /// <returns>This builder.</returns>
    public TableBuilder ToTable(string sourceTable)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceTable);
        return Map(context => context.Entry with { Table = sourceTable });
    }

    /// <summary>Renames a column in the data and the previous values.</summary>
    /// <param name="clientColumn">The client's column name.</param>
    /// <param name="sourceColumn">The source column's name.</param>
    /// <returns>This builder.</returns>
    public TableBuilder RenameColumn(string clientColumn, string sourceColumn)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientColumn);
        ArgumentException.ThrowIfNullOrEmpty(sourceColumn);
        return Map(context => context.Entry with
        {
            Data = context.Entry.Data.Rename(clientColumn, sourceColumn),
            Previous = context.Entry.Previous?.Rename(clientColumn, sourceColumn),
        });
    }

    /// <summary>Drops columns clients must not write (server-managed values) from the data and the previous values; the source keeps its own.</summary>
    /// <param name="columns">The client's column names.</param>
    /// <returns>This builder.</returns>
    public TableBuilder IgnoreColumns(params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return Map(context =>
        {
            var data = context.Entry.Data;
            var previous = context.Entry.Previous;
            foreach (var column in columns)
            {
                data = data.Without(column);
                previous = previous?.Without(column);
            }

            return ReferenceEquals(data, context.Entry.Data) && ReferenceEquals(previous, context.Entry.Previous)
                ? context.Entry
                : context.Entry with { Data = data, Previous = previous };
        });
    }

    /// <summary>Sets a column to a server-computed value, such as <c>owner_id</c> = the user, overriding what the client sent.</summary>
    /// <param name="column">The column.</param>
    /// <param name="value">Computes the value.</param>
    /// <param name="onPatch">Whether PATCH entries get it too; by default only PUT (insert) entries do.</param>
    /// <returns>This builder.</returns>
    public TableBuilder SetColumn(string column, Func<EntryContext, CrudValue> value, bool onPatch = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(column);
        ArgumentNullException.ThrowIfNull(value);
        return Map(context => context.Entry.Operation == CrudOperation.Put || (onPatch && context.Entry.Operation == CrudOperation.Patch)
            ? context.Entry with { Data = context.Entry.Data.With(column, value(context)) }
            : context.Entry);
    }

    /// <summary>Adds a validation check (it sees the mapped entry).</summary>
    /// <param name="validate">Returns <see cref="EntryVerdict.Accept"/> or a refusal.</param>
    /// <returns>This builder.</returns>
    public TableBuilder Validate(Func<EntryContext, CancellationToken, ValueTask<EntryVerdict>> validate)
    {
        ArgumentNullException.ThrowIfNull(validate);
        _table.Validators.Add(validate);
        return this;
    }

    /// <summary>Adds a synchronous validation check (it sees the mapped entry).</summary>
    /// <param name="validate">Returns <see cref="EntryVerdict.Accept"/> or a refusal.</param>
    /// <returns>This builder.</returns>
    public TableBuilder Validate(Func<EntryContext, EntryVerdict> validate)
    {
        ArgumentNullException.ThrowIfNull(validate);
        return Validate((context, _) => ValueTask.FromResult(validate(context)));
    }

    /// <summary>Refuses a PUT that lacks any of the columns, and a PATCH that sets one to null.</summary>
    /// <param name="columns">The required columns (mapped names).</param>
    /// <returns>This builder.</returns>
    public TableBuilder RequireColumns(params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return Validate(context =>
        {
            var entry = context.Entry;
            foreach (var column in columns)
            {
                var present = entry.Data.TryGetValue(column, out var value);
                if ((entry.Operation == CrudOperation.Put && (!present || value.IsNull)) || (entry.Operation == CrudOperation.Patch && present && value.IsNull))
                {
                    return EntryVerdict.Reject(Errors.ErrorCodes.NotNullViolation, $"'{column}' is required");
                }
            }

            return EntryVerdict.Accept;
        });
    }

    /// <summary>Adds a conflict hook for this table.</summary>
    /// <param name="hook">The hook.</param>
    /// <returns>This builder.</returns>
    public TableBuilder ResolveConflicts(IConflictHook hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        _table.ConflictHooks.Add(hook);
        return this;
    }

    /// <summary>Refuses (or skips) a PATCH or DELETE whose previous values no longer match the stored row.</summary>
    /// <param name="onConflict">What to do with a conflicting entry.</param>
    /// <returns>This builder.</returns>
    public TableBuilder RejectWhenPreviousValuesDiffer(ConflictAction onConflict = ConflictAction.Reject) =>
        ResolveConflicts(new PreviousValuesConflictHook(onConflict));

    /// <summary>Requires writes to carry a version greater than the stored one.</summary>
    /// <param name="column">The version column.</param>
    /// <param name="onConflict">What to do with a conflicting entry.</param>
    /// <returns>This builder.</returns>
    public TableBuilder UseVersionColumn(string column, ConflictAction onConflict = ConflictAction.Reject) =>
        ResolveConflicts(new VersionColumnConflictHook(column, onConflict));

    /// <summary>Requires writes to carry a timestamp no older than the stored one.</summary>
    /// <param name="column">The timestamp column.</param>
    /// <param name="onConflict">What to do with a conflicting entry.</param>
    /// <returns>This builder.</returns>
    public TableBuilder UseTimestampColumn(string column, ConflictAction onConflict = ConflictAction.Reject) =>
        ResolveConflicts(new TimestampColumnConflictHook(column, onConflict));
}
