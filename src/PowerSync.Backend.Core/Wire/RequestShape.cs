namespace PowerSync.Backend.Core.Wire;

/// <summary>Which of the request shapes PowerSync clients use a body had.</summary>
public enum RequestShape
{
    /// <summary>The reference write API: <c>{"transactions":[{"transaction_id":…,"crud":[…]}]}</c>.</summary>
    Transactions,

    /// <summary>The classic demo shape: <c>{"batch":[…]}</c>.</summary>
    Batch,

    /// <summary>A bare array of entries as the JavaScript SDK's <c>CrudEntry.toJSON()</c> writes them.</summary>
    EntryArray,

    /// <summary>One entry, as sent with the per-operation <c>PUT</c>/<c>PATCH</c>/<c>DELETE</c> verbs.</summary>
    SingleEntry,
}
