using System.Net;
using PowerSync.Backend.AspNetCore.Tests.Infrastructure;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Model;
using static PowerSync.Backend.AspNetCore.Tests.Infrastructure.Bodies;

namespace PowerSync.Backend.AspNetCore.Tests.Upload;

/// <summary>The classic batch, bare arrays and per-verb requests, and the non-2xx rule for their pending work.</summary>
public sealed class RequestShapeTests
{
    [Fact]
    public async Task Classic_batch_is_applied_with_consecutive_tx_ids_as_transactions()
    {
        await using var app = await UploadApp.StartAsync();

        using var response = await app.SendAsync(Batch(ClassicPut("t1", 1, 5), ClassicPut("t2", 2, 5), ClassicPut("t3", 3, 6)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["success", "success"], (await response.JsonAsync()).Statuses());
        Assert.Equal([2, 1], app.Store.Applied.Select(a => a.Transaction.Entries.Count));
    }

    [Fact]
    public async Task Bare_array_of_sdk_entries_is_applied()
    {
        await using var app = await UploadApp.StartAsync();

        using var response = await app.SendAsync($"[{ClassicPut("t1", 1, 1)},{ClassicPut("t2", 2, 2)}]");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["success", "success"], (await response.JsonAsync()).Statuses());
        Assert.Equal(2, app.Store.Rows("todos").Count);
    }

    [Fact]
    public async Task Put_patch_and_delete_verbs_apply_one_entry_each()
    {
        await using var app = await UploadApp.StartAsync();

        using var put = await app.SendAsync("""{"table":"todos","data":{"id":"t1","description":"one","done":0}}""", method: "PUT");
        using var patch = await app.SendAsync("""{"table":"todos","data":{"id":"t1","done":1}}""", method: "PATCH");
        var afterPatch = app.Store.Row("todos", "t1")!;
        using var delete = await app.SendAsync("""{"table":"todos","data":{"id":"t1"}}""", method: "DELETE");

        foreach (var response in (HttpResponseMessage[])[put, patch, delete])
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("""{"results":[{"status":"success"}]}""", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal([CrudOperation.Put, CrudOperation.Patch, CrudOperation.Delete], app.Store.Applied.Select(a => a.Transaction.Entries[0].Operation));
        Assert.Equal("one", afterPatch["description"].AsText());
        Assert.Equal(1, afterPatch["done"].AsInteger());
        Assert.Null(app.Store.Row("todos", "t1"));
    }

    [Fact]
    public async Task Verb_request_whose_op_contradicts_the_method_is_a_400()
    {
        await using var app = await UploadApp.StartAsync();

        using var response = await app.SendAsync("""{"op":"DELETE","table":"todos","id":"t1"}""", method: "PUT");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("$.op", (await response.JsonAsync()).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Classic_batch_with_a_retryable_result_gets_503_with_retry_after_and_the_results()
    {
        await using var app = await UploadApp.StartAsync(store: s => s.FailTransiently(times: 5));

        using var response = await app.SendAsync(Batch(ClassicPut("t1", 1, 1), ClassicPut("t2", 2, 2)));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("2", response.Header("Retry-After"));
        var body = await response.JsonAsync();
        Assert.Equal(["retryable_error", "not_attempted"], body.Statuses());
        Assert.Equal(2000, body.GetProperty("results")[0].GetProperty("retry_after_ms").GetInt64());
        Assert.True(app.Logs.Has(3007));
    }

    [Fact]
    public async Task Classic_batch_with_a_fatal_error_then_not_attempted_gets_503_so_the_rest_stays_queued()
    {
        await using var app = await UploadApp.StartAsync(store: s => s.Reject(ErrorCodes.CheckViolation));

        using var response = await app.SendAsync(Batch(ClassicPut("t1", 1, 1), ClassicPut("t2", 2, 2)), clientId: "c1");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(["fatal_error", "not_attempted"], (await response.JsonAsync()).Statuses());

        // The client re-sends the whole batch: the ledger skips the recorded rejection and applies the rest.
        using var resent = await app.SendAsync(Batch(ClassicPut("t1", 1, 1), ClassicPut("t2", 2, 2)), clientId: "c1");
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.Equal(["success", "success"], (await resent.JsonAsync()).Statuses());
        Assert.Single(app.Store.DeadLetters);
        Assert.NotNull(app.Store.Row("todos", "t2"));
    }

    [Fact]
    public async Task Classic_batch_without_a_client_id_goes_on_past_a_refusal_so_its_queue_can_move()
    {
        await using var app = await UploadApp.StartAsync(store: s => s.Reject(ErrorCodes.CheckViolation));

        using var response = await app.SendAsync(Batch(ClassicPut("t1", 1, 1), ClassicPut("t2", 2, 2), ClassicPut("t3", 3, 3)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["fatal_error", "success", "success"], (await response.JsonAsync()).Statuses());
        Assert.Single(app.Store.DeadLetters);
        Assert.Equal(2, app.Store.Applied.Count);
    }

    [Fact]
    public async Task Classic_batch_without_a_client_id_still_stops_at_a_retryable_failure()
    {
        await using var app = await UploadApp.StartAsync(store: s => s.FailAt(ErrorClassification.Transient("scripted"), atEntry: 0, times: 5, table: "lists"));

        using var response = await app.SendAsync(Batch(ClassicPut("t1", 1, 1), """{"op_id":2,"op":"PUT","type":"lists","id":"l1","tx_id":2,"data":{}}""", ClassicPut("t3", 3, 3)));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(["success", "retryable_error", "not_attempted"], (await response.JsonAsync()).Statuses());
        Assert.Null(app.Store.Row("todos", "t3"));
    }

    [Fact]
    public async Task Classic_batch_whose_only_failures_are_fatal_gets_200_so_the_client_completes_it()
    {
        await using var app = await UploadApp.StartAsync(store: s => s.Reject(ErrorCodes.CheckViolation));

        using var response = await app.SendAsync(Batch(ClassicPut("t1", 1, 1)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["fatal_error"], (await response.JsonAsync()).Statuses());
    }

    [Fact]
    public async Task Bare_array_and_verb_requests_follow_the_same_non_2xx_rule()
    {
        await using var app = await UploadApp.StartAsync(store: s => s.FailTransiently(times: 5));

        using var array = await app.SendAsync($"[{ClassicPut("t1", 1, 1)}]");
        using var verb = await app.SendAsync("""{"table":"todos","data":{"id":"t1"}}""", method: "PATCH");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, array.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, verb.StatusCode);
        Assert.Equal(["retryable_error"], (await verb.JsonAsync()).Statuses());
    }

    [Fact]
    public async Task Pending_status_code_is_configurable()
    {
        await using var app = await UploadApp.StartAsync(store: s => s.FailTransiently(times: 5), upload: o => o.PendingStatusCode = 409);

        using var response = await app.SendAsync(Batch(ClassicPut("t1", 1, 1)));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Retry_after_rounds_the_configured_delay_up_to_whole_seconds()
    {
        await using var app = await UploadApp.StartAsync(store: s => s.FailTransiently(times: 5), backend: b => b.Configure(o => o.Retry.RetryAfter = TimeSpan.FromMilliseconds(1500)));

        using var response = await app.SendAsync(Batch(ClassicPut("t1", 1, 1)));

        Assert.Equal("2", response.Header("Retry-After"));
        Assert.Equal(1500, (await response.JsonAsync()).GetProperty("results")[0].GetProperty("retry_after_ms").GetInt64());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public async Task Other_methods_are_not_routed(string method)
    {
        await using var app = await UploadApp.StartAsync();

        using var response = await app.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), UploadApp.Path));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}
