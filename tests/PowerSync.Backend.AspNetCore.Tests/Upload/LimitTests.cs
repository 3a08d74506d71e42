using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using PowerSync.Backend.AspNetCore.Tests.Infrastructure;
using static PowerSync.Backend.AspNetCore.Tests.Infrastructure.Bodies;

namespace PowerSync.Backend.AspNetCore.Tests.Upload;

/// <summary>Request limits: enforced from the headers or while the body streams in, never after buffering it whole.</summary>
public sealed class LimitTests
{
    [Fact]
    public async Task Content_length_past_max_bytes_is_a_413_before_a_byte_is_read()
    {
        await using var app = await UploadApp.StartAsync(backend: b => b.Configure(o => o.Limits.MaxBytes = 1024));
        var body = TestBodyStream.Endless();

        var context = await app.Server.SendAsync(c => Post(c, body, contentLength: 1025));

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, context.Response.StatusCode);
        Assert.Equal(0, body.BytesRead);
        Assert.Equal("$: the request body is larger than the limit of 1024 bytes (Content-Length 1025)", Message(context));
    }

    [Fact]
    public async Task Endless_body_without_content_length_is_a_413_after_reading_just_past_the_limit()
    {
        await using var app = await UploadApp.StartAsync(backend: b => b.Configure(o => o.Limits.MaxBytes = 1024));
        var body = TestBodyStream.Endless();

        var context = await app.Server.SendAsync(c => Post(c, body, contentLength: null));

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, context.Response.StatusCode);
        Assert.Equal(1025, body.BytesRead);
        Assert.StartsWith("$: the request body is larger than the limit of 1024 bytes", Message(context), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_within_max_bytes_is_accepted()
    {
        var json = OnePut();
        await using var app = await UploadApp.StartAsync(backend: b => b.Configure(o => o.Limits.MaxBytes = Encoding.UTF8.GetByteCount(json)));

        using var response = await app.SendAsync(json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Too_many_transactions_is_a_400_naming_the_first_one_past_the_limit()
    {
        await using var app = await UploadApp.StartAsync(backend: b => b.Configure(o => o.Limits.MaxTransactions = 2));

        using var response = await app.SendAsync(Transactions(Transaction(1, Put("a")), Transaction(2, Put("b")), Transaction(3, Put("c"))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("$.transactions[2]: more than 2 transactions in one request", (await response.JsonAsync()).GetProperty("message").GetString());
        Assert.Empty(app.Store.Applied);
    }

    [Fact]
    public async Task Too_many_entries_is_a_400()
    {
        await using var app = await UploadApp.StartAsync(backend: b => b.Configure(o => o.Limits.MaxEntries = 2));

        using var response = await app.SendAsync(Batch(ClassicPut("a", 1, 1), ClassicPut("b", 2, 1), ClassicPut("c", 3, 1)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("more than 2 entries", (await response.JsonAsync()).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_deep_json_is_a_400_naming_where()
    {
        await using var app = await UploadApp.StartAsync(backend: b => b.Configure(o => o.Limits.MaxDepth = 8));
        var nested = """{"a":{"b":{"c":{"d":1}}}}""";

        using var response = await app.SendAsync(Transactions($$$"""{"transaction_id":1,"crud":[{"op":"PUT","table":"todos","id":"t1","op_data":{"deep":{{{nested}}}}}]}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.JsonAsync()).GetProperty("message").GetString()!;
        Assert.StartsWith("$.transactions[0].crud[0].op_data", message, StringComparison.Ordinal);
        Assert.Contains("nested deeper than the limit of 8", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_the_server_itself_refuses_gets_its_status_and_a_generic_message()
    {
        await using var app = await UploadApp.StartAsync();

        var context = await app.Server.SendAsync(c => Post(c, TestBodyStream.ServerRefuses(StatusCodes.Status413PayloadTooLarge), contentLength: null));

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, context.Response.StatusCode);
        Assert.Equal("the request body is larger than the server accepts", Message(context));
    }

    private static void Post(HttpContext context, Stream body, long? contentLength)
    {
        context.Request.Method = HttpMethods.Post;
        context.Request.Path = UploadApp.Path;
        context.Request.Headers[TestApp.UserHeader] = "alice";
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = contentLength;
        context.Request.Body = body;
    }

    private static string? Message(HttpContext context)
    {
        using var document = JsonDocument.Parse(context.Response.Body);
        return document.RootElement.GetProperty("message").GetString();
    }
}
