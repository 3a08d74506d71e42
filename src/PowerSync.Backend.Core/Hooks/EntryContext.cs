using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Core.Hooks;

/// <summary>
/// What a hook sees about one entry. One context object (rather than parameters) so that it can grow
/// without breaking hook implementations.
/// </summary>
public sealed class EntryContext
{
    internal EntryContext(CrudUpload upload, CrudTransaction transaction)
    {
        Upload = upload;
        Transaction = transaction;
        Entry = null!;
        ClientTable = string.Empty;
    }

    /// <summary>The upload the entry belongs to.</summary>
    public CrudUpload Upload { get; }

    /// <summary>The authenticated user id (<c>sub</c>).</summary>
    public string? UserId => Upload.UserId;

    /// <summary>The PowerSync client id, when the client sent one.</summary>
    public string? ClientId => Upload.ClientId;

    /// <summary>The client transaction as it was received (before mapping).</summary>
    public CrudTransaction Transaction { get; }

    /// <summary>The entry's zero-based index in <see cref="Transaction"/>.</summary>
    public int Index { get; private set; }

    /// <summary>The table name as the client sent it (mapping hooks may rename <see cref="CrudEntry.Table"/>).</summary>
    public string ClientTable { get; private set; }

    /// <summary>The entry as the previous stages left it: as received for authorization, mapped for validation.</summary>
    public CrudEntry Entry { get; internal set; }

    internal void MoveTo(int index, CrudEntry entry, string clientTable)
    {
        Index = index;
        Entry = entry;
        ClientTable = clientTable;
    }
}
