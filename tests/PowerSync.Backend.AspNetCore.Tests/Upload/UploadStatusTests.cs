using System.Net;
using Microsoft.Extensions.Logging;
using PowerSync.Backend.AspNetCore.Tests.Infrastructure;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Hooks;
using static PowerSync.Backend.AspNetCore.Tests.Infrastructure.Bodies;

namespace PowerSync.Backend.AspNetCore.Tests.Upload;

public sealed class UploadStatusTests
{
    [Fact]
    public async Task Success_answers_200_with_one_success_result_and_applies_the_row()
    {
        await using var app = await UploadApp.StartAsync();

        using var response = await app.SendAsync(OnePut("t1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("utf-8", response.ContentType()!.CharSet);
        Assert.Equal("""{"results":[{"status":"success"}]}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("hello", app.Store.Row("todos", "t1")!["description"].AsText());
        Assert.Equal("alice", Assert.Single(app.Store.Applied).UserId);
    }

    [Fact]
    public async Task Transient_failure_is_a_retryable_error_with_retry_after_ms_in_a_200()
    {
        await using var app = await UploadApp.StartAsync(store: s => s.FailTransiently(times: 5));

        using var response = await app.SendAsync(Transactions(Transaction(1, Put("t1")), Transaction(2, Put("t2"))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(["retryable_error", "not_attempted"], body.Statuses());
        var retryable = body.GetProperty("results")[0];
        Assert.Equal(2000, retryable.GetProperty("retry_after_ms").GetInt64());
        Assert.False(string.IsNullOrEmpty(retryable.GetProperty("message").GetString()));
        Assert.Null(response.Header("Retry-After"));
        Assert.Empty(app.Store.Applied);
    }

    [Fact]
    public async Task Permanent_failure_is_a_fatal_error_with_failed_operation_in_a_200()
    {
        await using var app = await UploadApp.StartAsync(store: s => s.Reject(ErrorCodes.UniqueViolation, atEntry: 1));

        using var response = await app.SendAsync(Transactions(Transaction(7, Put("t1"), Put("t2"))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.JsonAsync()).GetProperty("results")[0];
        Assert.Equal("fatal_error", result.GetProperty("status").GetString());
        Assert.False(result.GetProperty("requires_client_handling").GetBoolean());
        var failed = result.GetProperty("failed_operation");
        Assert.Equal("UNIQUE_VIOLATION", failed.GetProperty("error_code").GetString());
        Assert.Equal(1, failed.GetProperty("operation_index").GetInt32());
        Assert.Single(app.Store.DeadLetters);
    }

    [Fact]
    public async Task Transactions_after_a_fatal_error_are_not_attempted_and_still_answered_200()
    {
        await using var app = await UploadApp.StartAsync(backend: b => b.Table("todos", t => t.Validate(c => c.Entry.Id == "bad" ? EntryVerdict.Invalid("no") : EntryVerdict.Accept)));

        using var response = await app.SendAsync(Transactions(Transaction(1, Put("t1")), Transaction(2, Put("bad")), Transaction(3, Put("t3"))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["success", "fatal_error", "not_attempted"], (await response.JsonAsync()).Statuses());
        Assert.NotNull(app.Store.Row("todos", "t1"));
        Assert.Null(app.Store.Row("todos", "t3"));
    }

    [Fact]
    public async Task Invalid_body_is_a_400_whose_message_names_the_json_path()
    {
        await using var app = await UploadApp.StartAsync();

        using var response = await app.SendAsync("""{"transactions":[{"transaction_id":1,"crud":[{"op":"UPSERT","table":"todos","id":"t1"}]}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.JsonAsync()).GetProperty("message").GetString()!;
        Assert.StartsWith("$.transactions[0].crud[0].op: ", message, StringComparison.Ordinal);
        Assert.Contains("UPSERT", message, StringComparison.Ordinal);
        Assert.Empty(app.Store.Applied);
        Assert.True(app.Logs.Has(3002));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("""{"transactions":[]}""")]
    [InlineData("42")]
    public async Task Malformed_or_empty_bodies_are_400_with_a_message(string body)
    {
        await using var app = await UploadApp.StartAsync();

        using var response = await app.SendAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("$", (await response.JsonAsync()).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unauthenticated_upload_is_a_401_and_nothing_is_read_or_applied()
    {
        await using var app = await UploadApp.StartAsync();

        using var response = await app.SendAsync(OnePut(), user: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("authentication required", (await response.JsonAsync()).GetProperty("message").GetString());
        Assert.Empty(app.Store.Applied);
    }

    [Fact]
    public async Task Anonymous_uploads_are_applied_without_a_user_when_allowed()
    {
        await using var app = await UploadApp.StartAsync(upload: o => o.AllowAnonymous = true);

        using var response = await app.SendAsync(OnePut(), user: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(Assert.Single(app.Store.Applied).UserId);
    }

    [Fact]
    public async Task Unexpected_fault_is_a_500_without_detail_and_is_logged_as_an_error()
    {
        await using var app = await UploadApp.StartAsync(backend: b => b.Table("todos", t => t.Authorize((_, _) => throw new InvalidOperationException("secret connection string"))));

        using var response = await app.SendAsync(OnePut());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("""{"message":"internal error"}""", await response.Content.ReadAsStringAsync());
        var logged = Assert.Single(app.Logs.AtLeast(LogLevel.Error));
        Assert.Equal(3005, logged.EventId);
        Assert.IsType<InvalidOperationException>(logged.Exception);
    }

    [Fact]
    public async Task Data_errors_are_never_4xx()
    {
        await using var app = await UploadApp.StartAsync(backend: b => b.Table("todos", t => t.Authorize(_ => false)));

        using var response = await app.SendAsync(OnePut());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var failed = (await response.JsonAsync()).GetProperty("results")[0].GetProperty("failed_operation");
        Assert.Equal("UNAUTHORIZED", failed.GetProperty("error_code").GetString());
    }
}
