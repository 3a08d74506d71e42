using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Conformance;

/// <summary>Builds entries, transactions and uploads as a PowerSync client would send them.</summary>
public static class Crud
{
    /// <summary>The user of uploads built without one.</summary>
    public const string User = "user-1";

    /// <summary>The client of uploads built without one.</summary>
    public const string ClientId = "client-1";

    /// <summary>Converts a literal: <see langword="null"/>, <see cref="string"/>, <see cref="int"/>, <see cref="long"/>, <see cref="double"/>, <see cref="bool"/> or a <see cref="CrudValue"/>.</summary>
    /// <param name="value">The literal.</param>
    /// <returns>The value.</returns>
    public static CrudValue Value(object? value) => value switch
    {
        null => CrudValue.Null,
        CrudValue crud => crud,
        string text => CrudValue.FromText(text),
        int number => CrudValue.FromInteger(number),
        long number => CrudValue.FromInteger(number),
        double number => CrudValue.FromReal(number),
        bool flag => CrudValue.FromBoolean(flag),
        _ => throw new ArgumentException($"No CrudValue for {value.GetType().Name}.", nameof(value)),
    };

    /// <summary>A nested JSON value (an object or array the client sent as JSON rather than as text).</summary>
    /// <param name="raw">The JSON.</param>
    /// <returns>The value.</returns>
    public static CrudValue Json(string raw) => CrudValue.FromJson(raw);

    /// <summary>Builds column data.</summary>
    /// <param name="columns">The columns, values as for <see cref="Value"/>.</param>
    /// <returns>The data.</returns>
    public static CrudData Data(params (string Column, object? Value)[] columns) =>
        CrudData.Create(columns.Select(c => KeyValuePair.Create(c.Column, Value(c.Value))));

    /// <summary>A PUT.</summary>
    /// <param name="table">The table.</param>
    /// <param name="id">The row id.</param>
    /// <param name="columns">The columns.</param>
    /// <returns>The entry.</returns>
    public static CrudEntry Put(string table, string id, params (string Column, object? Value)[] columns) =>
        new(CrudOperation.Put, table, id) { Data = Data(columns) };

    /// <summary>A PATCH.</summary>
    /// <param name="table">The table.</param>
    /// <param name="id">The row id.</param>
    /// <param name="columns">The changed columns.</param>
    /// <returns>The entry.</returns>
    public static CrudEntry Patch(string table, string id, params (string Column, object? Value)[] columns) =>
        new(CrudOperation.Patch, table, id) { Data = Data(columns) };

    /// <summary>A DELETE.</summary>
    /// <param name="table">The table.</param>
    /// <param name="id">The row id.</param>
    /// <returns>The entry.</returns>
    public static CrudEntry Delete(string table, string id) => new(CrudOperation.Delete, table, id);

    /// <summary>A client transaction; entries without an <c>op_id</c> get <c>id × 1000 + position + 1</c>, as a client's queue would.</summary>
    /// <param name="transactionId">The transaction id.</param>
    /// <param name="entries">The entries.</param>
    /// <returns>The transaction.</returns>
    public static CrudTransaction Tx(long transactionId, params CrudEntry[] entries) =>
        new(transactionId, entries.Select((e, i) => e.OperationId is null ? e with { OperationId = transactionId * 1000 + i + 1 } : e).ToArray());

    /// <summary>A transaction without a transaction id (a classic batch); entries keep the <c>op_id</c>s they carry.</summary>
    /// <param name="entries">The entries.</param>
    /// <returns>The transaction.</returns>
    public static CrudTransaction Batch(params CrudEntry[] entries) => new(null, entries);

    /// <summary>An upload from <see cref="User"/>.</summary>
    /// <param name="clientId">The PowerSync client id, or <see langword="null"/> for none.</param>
    /// <param name="transactions">The transactions.</param>
    /// <returns>The upload.</returns>
    public static CrudUpload Upload(string? clientId, params CrudTransaction[] transactions) => new(User, clientId, transactions);
}
