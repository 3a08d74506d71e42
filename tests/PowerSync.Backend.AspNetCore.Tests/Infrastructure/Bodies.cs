namespace PowerSync.Backend.AspNetCore.Tests.Infrastructure;

/// <summary>Request bodies in each shape PowerSync connectors send.</summary>
public static class Bodies
{
    /// <summary>A reference-shape entry (PUT of a todo).</summary>
    public static string Put(string id, string description = "hello", string table = "todos") =>
        $$$"""{"op":"PUT","table":"{{{table}}}","id":"{{{id}}}","op_data":{"description":"{{{description}}}"}}""";

    /// <summary>A reference-shape transaction.</summary>
    public static string Transaction(long id, params string[] entries) =>
        $$"""{"transaction_id":{{id}},"crud":[{{string.Join(",", entries)}}]}""";

    /// <summary>A reference-shape request.</summary>
    public static string Transactions(params string[] transactions) =>
        $$"""{"transactions":[{{string.Join(",", transactions)}}]}""";

    /// <summary>A one-transaction reference request putting one todo.</summary>
    public static string OnePut(string id = "t1", long transactionId = 1) => Transactions(Transaction(transactionId, Put(id)));

    /// <summary>A JS SDK <c>CrudEntry.toJSON()</c> entry, as the classic batch and bare arrays carry them.</summary>
    public static string ClassicPut(string id, long opId, long txId, string description = "hello") =>
        $$$"""{"op_id":{{{opId}}},"op":"PUT","type":"todos","id":"{{{id}}}","tx_id":{{{txId}}},"data":{"description":"{{{description}}}"}}""";

    /// <summary>A classic <c>{"batch":[…]}</c> request.</summary>
    public static string Batch(params string[] entries) => $$"""{"batch":[{{string.Join(",", entries)}}]}""";
}
