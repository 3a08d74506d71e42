using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Core.Tests.Wire;

/// <summary>FsCheck generators for valid uploads: anything a well-behaved client could send.</summary>
internal static class UploadGenerators
{
    // Whole strings rather than chars so that surrogate pairs are never split.
    private static readonly string[] Atoms =
    [
        "a", "b", "Z", "0", "9", "_", " ", "id", "col",
        "\"", "\\", "/", "'", "\n", "\r", "\t", "\0", "\u001f", "\u007f", "<", ">", "&", "+",
        "é", "œ", "—", "日本", "\u2028", "\uFEFF", "🥚", "🛒", "\U0001F600",
    ];

    public static Gen<string> Text { get; } =
        Gen.Elements(Atoms).ListOf().Select(parts => string.Concat(parts)).ScaleSize(s => Math.Min(s, 12));

    public static Gen<string> NonEmptyText { get; } =
        Gen.Elements(Atoms).NonEmptyListOf().Select(parts => string.Concat(parts)).ScaleSize(s => Math.Min(s, 12));

    public static Gen<long> Int64 { get; } = Gen.Frequency(
        (3, ArbMap.Default.GeneratorFor<long>()),
        (1, Gen.Elements(long.MinValue, long.MaxValue, 0L, -1L, 1L, 9007199254740991L, 9007199254740993L)));

    public static Gen<double> Real { get; } = Gen.Frequency(
        (3, ArbMap.Default.GeneratorFor<NormalFloat>().Select(f => f.Get)),
        (1, Gen.Elements(0.0, -0.0, 1.0, -3.0, 0.1, 1.25, 1e20, 1e-7, double.Epsilon, double.MaxValue, double.MinValue, 9007199254740993.0)));

    private static Gen<string> Scalar { get; } = Gen.OneOf(
        Gen.Elements("null", "true", "false", "0", "-1", "2.5", "1e3", "12345678901234567890"),
        Text.Select(t => JsonSerializer.Serialize(t)));

    /// <summary>Small valid JSON objects and arrays, as raw text.</summary>
    public static Gen<string> JsonContainer { get; } = Gen.Sized(size => Container(Math.Min(size, 3)));

    public static Gen<CrudValue> Value { get; } = Gen.OneOf(
        Gen.Constant(CrudValue.Null),
        Int64.Select(CrudValue.FromInteger),
        Real.Select(CrudValue.FromReal),
        Text.Select(t => CrudValue.FromText(t)),
        ArbMap.Default.GeneratorFor<bool>().Select(CrudValue.FromBoolean),
        JsonContainer.Select(CrudValue.FromJson));

    /// <summary>Column values; <paramref name="allowId"/> false leaves out <c>id</c>, which is never a data column.</summary>
    public static Gen<CrudData> Columns(bool allowId) =>
        Gen.Zip(allowId ? Text : Text.Where(t => t != "id"), Value)
            .Select(c => new KeyValuePair<string, CrudValue>(c.Item1, c.Item2))
            .ListOf()
            .ScaleSize(s => Math.Min(s, 6))
            .Select(CrudData.Create);

    public static Gen<CrudEntry> Entry(long? transactionId) =>
        from operation in Gen.Elements(CrudOperation.Put, CrudOperation.Patch, CrudOperation.Delete)
        from table in NonEmptyText
        from id in NonEmptyText
        from data in Columns(allowId: false)
        from previous in Columns(allowId: true).OrNull()
        from metadata in Text.OrNull()
        from operationId in Gen.OneOf(Gen.Constant<long?>(null), Int64.Select(v => (long?)v))
        select new CrudEntry(operation, table, id)
        {
            // A DELETE carries no data on the wire.
            Data = operation == CrudOperation.Delete ? CrudData.Empty : data,
            Previous = previous,
            Metadata = metadata,
            OperationId = operationId,
            TransactionId = transactionId,
        };

    public static Gen<CrudTransaction> Transaction { get; } =
        from transactionId in Gen.OneOf(Gen.Constant<long?>(null), Int64.Select(v => (long?)v))
        from entries in Entry(transactionId).NonEmptyListOf().ScaleSize(s => Math.Min(s, 5))
        select new CrudTransaction(transactionId, entries);

    public static Gen<List<CrudTransaction>> Upload { get; } =
        Transaction.NonEmptyListOf().ScaleSize(s => Math.Min(s, 8));

    private static Gen<string> Container(int depth)
    {
        var element = depth <= 0 ? Scalar : Gen.Frequency((3, Scalar), (1, Container(depth - 1)));
        var array = element.ListOf().ScaleSize(s => Math.Min(s, 4)).Select(items => "[" + string.Join(",", items) + "]");
        var member = Gen.Zip(Text, element).Select(m => JsonSerializer.Serialize(m.Item1) + ":" + m.Item2);
        var obj = member.ListOf().ScaleSize(s => Math.Min(s, 4)).Select(members => "{" + string.Join(", ", members) + "}");
        return Gen.OneOf(array, obj);
    }
}
