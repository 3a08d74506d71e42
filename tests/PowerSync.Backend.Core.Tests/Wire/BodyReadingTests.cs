using System.Text;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Wire;
using static PowerSync.Backend.Core.Tests.Wire.TestParser;

namespace PowerSync.Backend.Core.Tests.Wire;

public sealed class BodyReadingTests
{
    private static string Transactions(int count) =>
        "{\"transactions\":[" + string.Join(',', Enumerable.Range(1, count).Select(i => $$"""{"transaction_id":{{i}},"crud":[{"op":"PUT","table":"t","id":"r{{i}}"}]}""")) + "]}";

    private static byte[] BodyOfExactly(int size)
    {
        var json = """[{"op":"PUT","table":"t","id":"a"}]""";
        return Encoding.UTF8.GetBytes(json + new string(' ', size - json.Length));
    }

    [Fact]
    public void Body_of_exactly_max_bytes_is_accepted_and_one_more_byte_is_refused()
    {
        var parser = new CrudUploadParser(new UploadLimits { MaxBytes = 200 });

        Assert.Equal(1, parser.Parse(BodyOfExactly(200)).EntryCount);
        var error = Assert.Throws<UploadFormatException>(() => parser.Parse(BodyOfExactly(201)));
        Assert.Equal(UploadFormatError.BodyTooLarge, error.Error);
        Assert.Equal("$", error.Path);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(16 * 1024)]
    [InlineData((16 * 1024) + 1)]
    [InlineData(100_000)]
    public async Task ParseAsync_accepts_max_bytes_and_refuses_one_more_byte(int maxBytes)
    {
        var parser = new CrudUploadParser(new UploadLimits { MaxBytes = maxBytes });

        var upload = await parser.ParseAsync(new TrickleStream(BodyOfExactly(maxBytes), 5000));
        Assert.Equal(1, upload.EntryCount);
        var error = await Assert.ThrowsAsync<UploadFormatException>(async () => await parser.ParseAsync(new MemoryStream(BodyOfExactly(maxBytes + 1))));
        Assert.Equal(UploadFormatError.BodyTooLarge, error.Error);
        Assert.Equal("$", error.Path);
    }

    [Fact]
    public async Task ParseAsync_stops_reading_an_endless_body_soon_after_max_bytes()
    {
        const int maxBytes = 100_000;
        var stream = new EndlessStream();
        var parser = new CrudUploadParser(new UploadLimits { MaxBytes = maxBytes });

        var error = await Assert.ThrowsAsync<UploadFormatException>(async () => await parser.ParseAsync(stream));

        Assert.Equal(UploadFormatError.BodyTooLarge, error.Error);
        Assert.InRange(stream.BytesRead, maxBytes + 1, maxBytes + (16 * 1024));
    }

    [Fact]
    public async Task ParseAsync_reads_a_body_that_arrives_in_small_chunks()
    {
        var body = Transactions(40).Replace("\"op\":\"PUT\"", "\"op\":\"PUT\",\"op_data\":{\"pad\":\"" + new string('p', 2000) + "\"}", StringComparison.Ordinal);
        var expected = Parse(body);
        Assert.True(body.Length > 64 * 1024);

        var upload = await new CrudUploadParser(new UploadLimits()).ParseAsync(new TrickleStream(Encoding.UTF8.GetBytes(body), 777));

        Assert.Equal(expected.Transactions, upload.Transactions);
        Assert.Equal(40, upload.EntryCount);
    }

    [Fact]
    public async Task ParseAsync_passes_the_verb_on()
    {
        var upload = await new CrudUploadParser(new UploadLimits()).ParseAsync(
            new MemoryStream("""{"table":"t","data":{"id":"a"}}"""u8.ToArray()),
            CrudOperation.Delete);

        Assert.Equal(CrudOperation.Delete, Assert.Single(upload.Entries()).Operation);
    }

    [Fact]
    public async Task ParseAsync_observes_cancellation()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await new CrudUploadParser(new UploadLimits()).ParseAsync(new EndlessStream(), cancellationToken: cancellation.Token));
    }

    [Fact]
    public async Task ParseAsync_of_an_empty_stream_is_Empty()
    {
        var error = await Assert.ThrowsAsync<UploadFormatException>(async () => await new CrudUploadParser(new UploadLimits()).ParseAsync(new MemoryStream()));

        Assert.Equal(UploadFormatError.Empty, error.Error);
    }
}
