using System.Text;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Wire;

namespace PowerSync.Backend.Core.Tests.Wire;

/// <summary>Parses test bodies written as C# strings.</summary>
internal static class TestParser
{
    public static ParsedUpload Parse(string json, CrudOperation? operation = null, UploadLimits? limits = null) =>
        new CrudUploadParser(limits ?? new UploadLimits()).Parse(Encoding.UTF8.GetBytes(json), operation);

    public static UploadFormatException Fails(string json, CrudOperation? operation = null, UploadLimits? limits = null) =>
        Assert.Throws<UploadFormatException>(() => Parse(json, operation, limits));

    public static UploadFormatException Fails(byte[] utf8Json, UploadLimits? limits = null) =>
        Assert.Throws<UploadFormatException>(() => new CrudUploadParser(limits ?? new UploadLimits()).Parse(utf8Json));

    /// <summary>Asserts the kind, path, indices and message of a refusal.</summary>
    public static void AssertError(UploadFormatException error, UploadFormatError kind, string path, int? transactionIndex = null, int? entryIndex = null)
    {
        Assert.Equal(kind, error.Error);
        Assert.Equal(path, error.Path);
        Assert.Equal(transactionIndex, error.TransactionIndex);
        Assert.Equal(entryIndex, error.EntryIndex);
        Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.Reason));
    }

    /// <summary>The only entry of a body that must hold exactly one.</summary>
    public static CrudEntry SingleEntry(string json, CrudOperation? operation = null) =>
        Assert.Single(Assert.Single(Parse(json, operation).Transactions).Entries);

    /// <summary>All entries of a parsed upload, in order.</summary>
    public static List<CrudEntry> Entries(this ParsedUpload upload) =>
        upload.Transactions.SelectMany(t => t.Entries).ToList();

    public static CrudData Data(params (string Column, CrudValue Value)[] columns) =>
        CrudData.Create(columns.Select(c => new KeyValuePair<string, CrudValue>(c.Column, c.Value)));
}
