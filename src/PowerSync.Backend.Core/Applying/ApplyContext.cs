using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Hooks;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Core.Applying;

/// <summary>
/// One attempt at applying one client transaction: the mapped entries, the ledger key, and the conflict
/// checks to run inside the database transaction. See <see cref="ICrudApplier"/> for the contract.
/// </summary>
public sealed class ApplyContext
{
    private readonly Func<string, IReadOnlyList<IConflictHook>> _conflictHooks;
    private readonly Action<ConflictAction, string>? _onConflict;
    private int[] _toMapped;
    private string[] _clientTables;

    internal ApplyContext(
        CrudUpload upload,
        int transactionIndex,
        CrudTransaction original,
        CrudTransaction mapped,
        string[] clientTables,
        Func<string, IReadOnlyList<IConflictHook>> conflictHooks,
        Action<ConflictAction, string>? onConflict)
    {
        Upload = upload;
        TransactionIndex = transactionIndex;
        OriginalTransaction = original;
        Transaction = mapped;
        Client = upload.ClientId is { } clientId ? new ClientKey(upload.UserId ?? string.Empty, clientId) : null;
        _clientTables = clientTables;
        _toMapped = Enumerable.Range(0, mapped.Entries.Count).ToArray();
        _conflictHooks = conflictHooks;
        _onConflict = onConflict;
        HasConflictChecks = clientTables.Any(t => conflictHooks(t).Count > 0);
    }

    /// <summary>The upload (user and client).</summary>
    public CrudUpload Upload { get; }

    /// <summary>The ledger key, or <see langword="null"/> when the upload has no client id (no de-duplication).</summary>
    public ClientKey? Client { get; }

    /// <summary>The transaction's index in the upload.</summary>
    public int TransactionIndex { get; }

    /// <summary>The transaction as the client sent it; its ids decide the ledger position.</summary>
    public CrudTransaction OriginalTransaction { get; }

    /// <summary>
    /// The entries to apply, mapped to source tables and columns. Narrowed by <see cref="Pending"/> and
    /// <see cref="ResolveConflictsAsync"/>; failure indexes an applier reports refer to its current value.
    /// </summary>
    public CrudTransaction Transaction { get; private set; }

    /// <summary>Whether conflict hooks apply to any entry, so <see cref="ResolveConflictsAsync"/> must be called.</summary>
    public bool HasConflictChecks { get; }

    /// <summary>
    /// Narrows <see cref="Transaction"/> to what <paramref name="stored"/> (the ledger position read under lock)
    /// does not cover yet.
    /// </summary>
    /// <param name="stored">The client's ledger position.</param>
    /// <returns><see langword="false"/> when nothing remains: the transaction was applied before.</returns>
    public bool Pending(LedgerPosition stored)
    {
        var pending = stored.Pending(Transaction);
        if (pending is null)
        {
            return false;
        }

        if (!ReferenceEquals(pending, Transaction))
        {
            Narrow(pending.Entries.Select(e => IndexOf(e)).ToArray(), pending);
        }

        return true;
    }

    /// <summary>The ledger position to store once this transaction commits.</summary>
    /// <param name="stored">The position read under lock.</param>
    /// <returns>The new position.</returns>
    public LedgerPosition LedgerAfter(LedgerPosition stored) => stored.Advance(OriginalTransaction);

    /// <summary>The rows whose stored values the conflict hooks need (distinct, in first-use order).</summary>
    /// <returns>The rows; empty when no hook asks for stored rows.</returns>
    public IReadOnlyList<RowKey> RowsToLoad()
    {
        var rows = new List<RowKey>();
        var seen = new HashSet<RowKey>();
        var entries = Transaction.Entries;
        for (var i = 0; i < entries.Count; i++)
        {
            var key = new RowKey(entries[i].Table, entries[i].Id);
            if (!seen.Contains(key) && _conflictHooks(_clientTables[i]).Any(h => h.NeedsStoredRow(entries[i], _clientTables[i])))
            {
                seen.Add(key);
                rows.Add(key);
            }
        }

        return rows;
    }

    /// <summary>
    /// Runs the conflict hooks over <see cref="Transaction"/> in order, each seeing the stored row as earlier
    /// entries of this transaction leave it, and narrows <see cref="Transaction"/> to the entries to apply.
    /// </summary>
    /// <param name="storedRows">The rows of <see cref="RowsToLoad"/> that exist, as read inside the database transaction.</param>
    /// <param name="cancellationToken">Cancels the hooks.</param>
    /// <returns>A task that completes when the transaction has been narrowed.</returns>
    /// <exception cref="CrudRejectedException">A hook rejected an entry (<see cref="ErrorCodes.Conflict"/>); roll back.</exception>
    public async ValueTask ResolveConflictsAsync(IReadOnlyDictionary<RowKey, CrudData> storedRows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storedRows);
        var loaded = RowsToLoad().ToHashSet();
        var rows = new Dictionary<RowKey, CrudData?>();
        var context = new ConflictContext(Upload, Transaction);
        var kept = new List<int>(Transaction.Entries.Count);
        var entries = new List<CrudEntry>(Transaction.Entries.Count);
        for (var i = 0; i < Transaction.Entries.Count; i++)
        {
            var entry = Transaction.Entries[i];
            var key = new RowKey(entry.Table, entry.Id);
            var isLoaded = loaded.Contains(key);
            var stored = !isLoaded ? null : rows.TryGetValue(key, out var current) ? current : storedRows.GetValueOrDefault(key);
            context.MoveTo(i, entry, _clientTables[i], isLoaded, stored);

            var resolution = ConflictResolution.Apply;
            foreach (var hook in _conflictHooks(_clientTables[i]))
            {
                resolution = await hook.ResolveAsync(context, cancellationToken).ConfigureAwait(false);
                if (resolution.Action != ConflictAction.Apply)
                {
                    break;
                }

                if (resolution.Replacement is { } replacement)
                {
                    entry = replacement;
                    context.MoveTo(i, entry, _clientTables[i], isLoaded, stored);
                }
            }

            if (resolution.Action != ConflictAction.Apply)
            {
                _onConflict?.Invoke(resolution.Action, entry.Table);
                if (resolution.Action == ConflictAction.Reject)
                {
                    throw new CrudRejectedException(ErrorCodes.Conflict, resolution.Reason ?? "the write conflicts with the stored row", i);
                }

                continue;
            }

            if (isLoaded)
            {
                rows[key] = Simulate(stored, entry);
            }

            kept.Add(i);
            entries.Add(entry);
        }

        Narrow([.. kept], Transaction.WithEntries(entries));
    }

    /// <summary>
    /// Maps an index in the current <see cref="Transaction"/> back to the mapped transaction the pipeline built;
    /// <see langword="null"/> for an index outside it (an applier bug, which must not lose the refusal).
    /// </summary>
    internal int? ToMappedIndex(int index) => index >= 0 && index < _toMapped.Length ? _toMapped[index] : null;

    /// <summary>The row after an entry, as far as the pipeline can tell without the database (merge semantics).</summary>
    private static CrudData? Simulate(CrudData? stored, CrudEntry entry) => entry.Operation switch
    {
        CrudOperation.Put => (stored ?? CrudData.Empty).Merge(entry.Data),
        CrudOperation.Patch => stored?.Merge(entry.Data),
        _ => null,
    };

    private int IndexOf(CrudEntry entry)
    {
        for (var i = 0; i < Transaction.Entries.Count; i++)
        {
            if (ReferenceEquals(Transaction.Entries[i], entry))
            {
                return i;
            }
        }

        throw new InvalidOperationException("The pending entry is not part of the transaction.");
    }

    private void Narrow(int[] kept, CrudTransaction narrowed)
    {
        _toMapped = kept.Select(i => _toMapped[i]).ToArray();
        _clientTables = kept.Select(i => _clientTables[i]).ToArray();
        Transaction = narrowed;
    }
}
