using PowerSync.Backend.Core.Applying;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Testing.Tests;

/// <summary>Builds entries, transactions and apply contexts the way the pipeline hands them to a store.</summary>
internal static class Crud
{
    public const string User = "user-1";
    public const string ClientId = "client-1";

    public static ClientKey Client { get; } = new(User, ClientId);

    public static CrudValue Text(string value) => CrudValue.FromText(value);

    public static CrudValue Bool(bool value) => CrudValue.FromBoolean(value);

    public static CrudData Data(params (string Column, CrudValue Value)[] columns) =>
        CrudData.Create(columns.Select(c => KeyValuePair.Create(c.Column, c.Value)));

    public static CrudEntry Put(string table, string id, CrudData data, long? opId = null) =>
        new(CrudOperation.Put, table, id) { Data = data, OperationId = opId };

    public static CrudEntry Patch(string table, string id, CrudData data, long? opId = null) =>
        new(CrudOperation.Patch, table, id) { Data = data, OperationId = opId };

    public static CrudEntry Delete(string table, string id, long? opId = null) =>
        new(CrudOperation.Delete, table, id) { OperationId = opId };

    public static CrudTransaction Transaction(long? transactionId, params CrudEntry[] entries) => new(transactionId, entries);

    public static CrudUpload Upload(CrudTransaction transaction, string? userId = User, string? clientId = ClientId) =>
        new(userId, clientId, [transaction]);

    /// <summary>A fresh context for one attempt, as the pipeline builds one per attempt (no mapping, no conflict hooks).</summary>
    public static ApplyContext Context(CrudUpload upload, int transactionIndex = 0)
    {
        var transaction = upload.Transactions[transactionIndex];
        return new ApplyContext(upload, transactionIndex, transaction, transaction, transaction.Entries.Select(e => e.Table).ToArray(), _ => [], onConflict: null);
    }

    public static ValueTask<ApplyOutcome> ApplyAsync(InMemoryStore store, CrudTransaction transaction, string? userId = User, string? clientId = ClientId) =>
        store.ApplyAsync(Context(Upload(transaction, userId, clientId)), CancellationToken.None);

    /// <summary>Applies and expects the store to fail; returns the failure and its unwrapped store exception.</summary>
    public static async Task<(CrudApplyException Failure, InMemoryStoreException Inner)> FailingApplyAsync(InMemoryStore store, CrudTransaction transaction)
    {
        var failure = await Assert.ThrowsAsync<CrudApplyException>(async () => await ApplyAsync(store, transaction));
        var inner = Assert.IsType<InMemoryStoreException>(failure.InnerException);
        return (failure, inner);
    }
}
