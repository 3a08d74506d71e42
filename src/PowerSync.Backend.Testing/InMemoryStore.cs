using System.Runtime.CompilerServices;
using PowerSync.Backend.Core.Applying;
using PowerSync.Backend.Core.DeadLetters;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Testing;

/// <summary>
/// An in-memory database for tests: tables of rows keyed by id, with the same PUT (merge or replace), PATCH
/// and DELETE semantics, ledger and dead letters as the real providers. Every transaction is atomic (applied
/// to a copy and swapped in), every applied transaction is recorded, and failures can be scripted.
/// </summary>
/// <remarks>Transactions are serialised by one lock, which also serialises concurrent uploads of one client.</remarks>
public sealed partial class InMemoryStore : ICrudApplier, IIdempotencyLedger, IDeadLetterStore, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, Dictionary<string, CrudData>> _tables = new(StringComparer.Ordinal);
    private readonly Dictionary<ClientKey, LedgerPosition> _ledger = [];
    private readonly List<AppliedTransaction> _applied = [];
    private readonly List<DeadLetter> _deadLetters = [];
    private readonly HashSet<string> _replaceOnPut = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>?> _schema = new(StringComparer.Ordinal);

    // Retries of one transaction share its original instance, so attempts are counted per instance.
    private readonly ConditionalWeakTable<CrudTransaction, StrongBox<int>> _attemptsByTransaction = [];
    private int _attempts;

    /// <summary>Whether a PATCH of a missing row creates it (by default it is a no-op, as in the SQL providers).</summary>
    /// <value><see langword="false"/>.</value>
    public bool PatchInsertsMissingRows { get; set; }

    /// <summary>How many times <see cref="ApplyAsync"/> was called, for all transactions (attempts, including retries and duplicates).</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>The transactions committed, in order.</summary>
    public IReadOnlyList<AppliedTransaction> Applied => Locked(() => _applied.ToArray());

    /// <summary>The rejected transactions recorded, in order.</summary>
    public IReadOnlyList<DeadLetter> DeadLetters => Locked(() => _deadLetters.ToArray());

    /// <summary>Declares a table, and optionally its columns. Once any table is declared, writes to undeclared tables or columns fail with <see cref="ErrorCodes.SchemaMismatch"/>.</summary>
    /// <param name="table">The (mapped) table name.</param>
    /// <param name="columns">The columns besides <c>id</c>; none to accept any column.</param>
    /// <returns>This store.</returns>
    public InMemoryStore DeclareTable(string table, params string[] columns)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        Locked(() => _schema[table] = columns.Length == 0 ? null : columns.ToHashSet(StringComparer.Ordinal));
        return this;
    }

    /// <summary>Makes PUT replace whole rows of these tables (columns the client omitted are dropped) instead of merging.</summary>
    /// <param name="tables">The (mapped) table names.</param>
    /// <returns>This store.</returns>
    public InMemoryStore ReplaceOnPut(params string[] tables)
    {
        Locked(() => _replaceOnPut.UnionWith(tables));
        return this;
    }

    /// <summary>Stores a row directly, as if another writer had.</summary>
    /// <param name="table">The table.</param>
    /// <param name="id">The row id.</param>
    /// <param name="row">The columns.</param>
    /// <returns>This store.</returns>
    public InMemoryStore Seed(string table, string id, CrudData row)
    {
        ArgumentNullException.ThrowIfNull(row);
        Locked(() => TableOf(_tables, table)[id] = row);
        return this;
    }

    /// <summary>Reads a row.</summary>
    /// <param name="table">The table.</param>
    /// <param name="id">The row id.</param>
    /// <returns>The row, or <see langword="null"/> when absent.</returns>
    public CrudData? Row(string table, string id) =>
        Locked(() => _tables.TryGetValue(table, out var rows) && rows.TryGetValue(id, out var row) ? row : null);

    /// <summary>Reads every row of a table.</summary>
    /// <param name="table">The table.</param>
    /// <returns>The rows by id (a copy).</returns>
    public IReadOnlyDictionary<string, CrudData> Rows(string table) =>
        Locked(() => _tables.TryGetValue(table, out var rows) ? new Dictionary<string, CrudData>(rows, StringComparer.Ordinal) : new Dictionary<string, CrudData>(StringComparer.Ordinal));

    /// <summary>Reads a client's ledger position.</summary>
    /// <param name="client">The client.</param>
    /// <returns>The position.</returns>
    public LedgerPosition PositionOf(ClientKey client) => Locked(() => _ledger.GetValueOrDefault(client));

    /// <inheritdoc />
    public async ValueTask<LedgerPosition> GetPositionAsync(ClientKey client, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _ledger.GetValueOrDefault(client);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask<ApplyOutcome> ApplyAsync(ApplyContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        Interlocked.Increment(ref _attempts);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var attempt = ++_attemptsByTransaction.GetOrCreateValue(context.OriginalTransaction).Value;
            var stored = context.Client is { } client ? _ledger.GetValueOrDefault(client) : LedgerPosition.None;
            if (context.Client is not null && !context.Pending(stored))
            {
                return ApplyOutcome.AlreadyApplied;
            }

            // Work on copies of the touched tables; they replace the originals only on commit.
            var working = new Dictionary<string, Dictionary<string, CrudData>>(StringComparer.Ordinal);
            if (context.HasConflictChecks)
            {
                var rows = new Dictionary<RowKey, CrudData>();
                foreach (var key in context.RowsToLoad())
                {
                    if (Read(working, key.Table, key.Id) is { } row)
                    {
                        rows[key] = row;
                    }
                }

                await context.ResolveConflictsAsync(rows, cancellationToken).ConfigureAwait(false);
            }

            var entries = context.Transaction.Entries;
            for (var i = 0; i < entries.Count; i++)
            {
                TakeScriptedFailure(entries[i], i);
                CheckSchema(entries[i], i);
                Apply(working, entries[i]);
            }

            foreach (var (table, rows) in working)
            {
                _tables[table] = rows;
            }

            if (context.Client is { } committing)
            {
                _ledger[committing] = context.LedgerAfter(stored);
            }

            _applied.Add(new AppliedTransaction(context.Upload.UserId, context.Upload.ClientId, context.Transaction, attempt));
            return ApplyOutcome.Applied;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask WriteAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _deadLetters.Add(letter);
            if (letter.Client is { } client)
            {
                // As the durable stores do: a re-sent rejected transaction is skipped, not recorded twice.
                _ledger[client] = _ledger.GetValueOrDefault(client).Advance(letter.Transaction);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Apply(Dictionary<string, Dictionary<string, CrudData>> working, CrudEntry entry)
    {
        var existing = Read(working, entry.Table, entry.Id);
        switch (entry.Operation)
        {
            case CrudOperation.Put:
                var replace = _replaceOnPut.Contains(entry.Table) || existing is null;
                Write(working, entry.Table)[entry.Id] = replace ? entry.Data : existing!.Merge(entry.Data);
                break;
            case CrudOperation.Patch when existing is not null:
                Write(working, entry.Table)[entry.Id] = existing.Merge(entry.Data);
                break;
            case CrudOperation.Patch when PatchInsertsMissingRows:
                Write(working, entry.Table)[entry.Id] = entry.Data;
                break;
            case CrudOperation.Delete:
                Write(working, entry.Table).Remove(entry.Id);
                break;
        }
    }

    private void CheckSchema(CrudEntry entry, int index)
    {
        if (_schema.Count == 0)
        {
            return;
        }

        if (!_schema.TryGetValue(entry.Table, out var columns))
        {
            throw new CrudApplyException(index, new InMemoryStoreException(ErrorClassification.Rejected(ErrorCodes.SchemaMismatch), $"unknown table '{entry.Table}'"));
        }

        foreach (var column in entry.Data.Keys)
        {
            if (columns is not null && !columns.Contains(column))
            {
                throw new CrudApplyException(index, new InMemoryStoreException(ErrorClassification.Rejected(ErrorCodes.SchemaMismatch), $"unknown column '{column}' in '{entry.Table}'"));
            }
        }
    }

    private CrudData? Read(Dictionary<string, Dictionary<string, CrudData>> working, string table, string id)
    {
        var rows = working.TryGetValue(table, out var copy) ? copy : _tables.GetValueOrDefault(table);
        return rows is not null && rows.TryGetValue(id, out var row) ? row : null;
    }

    private Dictionary<string, CrudData> Write(Dictionary<string, Dictionary<string, CrudData>> working, string table)
    {
        if (!working.TryGetValue(table, out var rows))
        {
            rows = _tables.TryGetValue(table, out var current)
                ? new Dictionary<string, CrudData>(current, StringComparer.Ordinal)
                : new Dictionary<string, CrudData>(StringComparer.Ordinal);
            working[table] = rows;
        }

        return rows;
    }

    private static Dictionary<string, CrudData> TableOf(Dictionary<string, Dictionary<string, CrudData>> tables, string table)
    {
        if (!tables.TryGetValue(table, out var rows))
        {
            rows = new Dictionary<string, CrudData>(StringComparer.Ordinal);
            tables[table] = rows;
        }

        return rows;
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private void Locked(Action write) => Locked(() =>
    {
        write();
        return true;
    });

    private T Locked<T>(Func<T> read)
    {
        _gate.Wait();
        try
        {
            return read();
        }
        finally
        {
            _gate.Release();
        }
    }
}
