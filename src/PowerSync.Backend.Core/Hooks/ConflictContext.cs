using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Core.Hooks;

/// <summary>What a conflict hook sees about one entry, inside the database transaction that will apply it.</summary>
public sealed class ConflictContext
{
    internal ConflictContext(CrudUpload upload, CrudTransaction transaction)
    {
        Upload = upload;
        Transaction = transaction;
        Entry = null!;
        ClientTable = string.Empty;
    }

    /// <summary>The upload the entry belongs to.</summary>
    public CrudUpload Upload { get; }

    /// <summary>The authenticated user id.</summary>
    public string? UserId => Upload.UserId;

    /// <summary>The mapped transaction being applied.</summary>
    public CrudTransaction Transaction { get; }

    /// <summary>The entry's index in <see cref="Transaction"/>.</summary>
    public int Index { get; private set; }

    /// <summary>The table name as the client sent it.</summary>
    public string ClientTable { get; private set; }

    /// <summary>The mapped entry about to be applied; its <see cref="CrudEntry.Previous"/> holds what the client last saw.</summary>
    public CrudEntry Entry { get; private set; }

    /// <summary>
    /// The row as stored now, read inside the applying transaction (locked against concurrent writers where
    /// the database allows), including the effect of earlier entries of this transaction.
    /// </summary>
    /// <value><see langword="null"/> when the row does not exist, or when no hook asked for it (see <see cref="IsStoredRowLoaded"/>).</value>
    public CrudData? StoredRow { get; private set; }

    /// <summary>Whether <see cref="StoredRow"/> was read (some hook's <see cref="IConflictHook.NeedsStoredRow"/> said so).</summary>
    public bool IsStoredRowLoaded { get; private set; }

    internal void MoveTo(int index, CrudEntry entry, string clientTable, bool loaded, CrudData? storedRow)
    {
        Index = index;
        Entry = entry;
        ClientTable = clientTable;
        IsStoredRowLoaded = loaded;
        StoredRow = storedRow;
    }
}
