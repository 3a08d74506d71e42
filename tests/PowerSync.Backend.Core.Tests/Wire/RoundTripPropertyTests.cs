using FsCheck;
using FsCheck.Fluent;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Wire;

namespace PowerSync.Backend.Core.Tests.Wire;

public sealed class RoundTripPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(300);

    private static readonly CrudUploadParser Parser = new(new UploadLimits());

    /// <summary>Compares entry by entry first, so that a failure shows the entry rather than a count.</summary>
    private static void AssertSameTransactions(List<CrudTransaction> expected, IReadOnlyList<CrudTransaction> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].TransactionId, actual[i].TransactionId);
            Assert.Equal(expected[i].Entries, actual[i].Entries);
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Any_valid_upload_survives_writing_and_parsing()
    {
        var property = Prop.ForAll(Arb.From(UploadGenerators.Upload), transactions =>
        {
            var parsed = Parser.Parse(CrudJsonWriter.ToUtf8Bytes(transactions));

            Assert.Equal(RequestShape.Transactions, parsed.Shape);
            Assert.Equal(transactions.Sum(t => t.Entries.Count), parsed.EntryCount);
            AssertSameTransactions(transactions, parsed.Transactions);
        });

        Check.One(Config, property);
    }

    [Fact]
    public void Any_client_id_survives_writing_and_parsing()
    {
        var property = Prop.ForAll(Arb.From(Gen.Zip(UploadGenerators.Upload, UploadGenerators.NonEmptyText)), input =>
        {
            var (transactions, clientId) = input;

            var parsed = Parser.Parse(CrudJsonWriter.ToUtf8Bytes(transactions, clientId));

            // Digit-only text is read as a queue id, never as a client id.
            Assert.Equal(clientId.All(char.IsAsciiDigit) ? null : clientId, parsed.ClientId);
            AssertSameTransactions(transactions, parsed.Transactions);
        });

        Check.One(Config.WithMaxTest(100), property);
    }

    [Theory]
    [InlineData("9\0")]
    [InlineData("12\0\0")]
    public void A_client_id_of_digits_and_NUL_characters_is_a_client_id_not_a_number(string clientId)
    {
        var parsed = Parser.Parse(CrudJsonWriter.ToUtf8Bytes([new CrudTransaction(1, [new CrudEntry(CrudOperation.Put, "t", "a")])], clientId));

        Assert.Equal(clientId, parsed.ClientId);
    }

    [Fact]
    public void Any_value_survives_writing_and_parsing_with_its_kind()
    {
        var property = Prop.ForAll(Arb.From(UploadGenerators.Value), value =>
        {
            var entry = new CrudEntry(CrudOperation.Put, "t", "a") { Data = CrudData.Create([new("v", value)]) };

            var parsed = Assert.Single(Parser.Parse(CrudJsonWriter.ToUtf8Bytes([new CrudTransaction(1, [entry])])).Entries());

            Assert.Equal(value.Kind, parsed.Data["v"].Kind);
            Assert.Equal(value, parsed.Data["v"]);
        });

        Check.One(Config, property);
    }

    [Fact]
    public void Every_truncation_of_a_valid_upload_is_refused_as_malformed()
    {
        var cases = from transactions in UploadGenerators.Upload
                    let body = CrudJsonWriter.ToUtf8Bytes(transactions)
                    from cut in Gen.Choose(1, body.Length - 1)
                    select body[..cut];

        var property = Prop.ForAll(Arb.From(cases), body =>
        {
            var error = Assert.Throws<UploadFormatException>(() => Parser.Parse(body));

            Assert.Equal(UploadFormatError.MalformedJson, error.Error);
        });

        Check.One(Config, property);
    }
}
