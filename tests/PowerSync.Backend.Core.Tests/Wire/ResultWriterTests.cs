using System.Text.Json;
using PowerSync.Backend.Core.Results;
using PowerSync.Backend.Core.Wire;

namespace PowerSync.Backend.Core.Tests.Wire;

public sealed class ResultWriterTests
{
    private static JsonElement[] Write(params TransactionResult[] results)
    {
        using var document = JsonDocument.Parse(CrudJsonWriter.ToUtf8Bytes(new UploadResult(results)));
        var root = document.RootElement;
        Assert.Equal(["results"], root.EnumerateObject().Select(p => p.Name));
        return root.GetProperty("results").EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    private static JsonElement WriteOne(TransactionResult result) => Assert.Single(Write(result));

    private static void AssertProperties(JsonElement element, params string[] names) =>
        Assert.Equal(names.Order(StringComparer.Ordinal), element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

    [Fact]
    public void Success_is_only_a_status()
    {
        var result = WriteOne(TransactionResult.Success);

        AssertProperties(result, "status");
        Assert.Equal("success", result.GetProperty("status").GetString());
    }

    [Fact]
    public void Duplicate_is_written_as_a_plain_success()
    {
        var result = WriteOne(TransactionResult.Duplicate);

        AssertProperties(result, "status");
        Assert.Equal("success", result.GetProperty("status").GetString());
    }

    [Fact]
    public void Not_attempted_is_only_a_status()
    {
        var result = WriteOne(TransactionResult.NotAttempted);

        AssertProperties(result, "status");
        Assert.Equal("not_attempted", result.GetProperty("status").GetString());
    }

    [Fact]
    public void Retryable_error_carries_message_and_retry_after_ms()
    {
        var result = WriteOne(TransactionResult.Retryable("database unavailable", TimeSpan.FromSeconds(1.5)));

        AssertProperties(result, "status", "message", "retry_after_ms");
        Assert.Equal("retryable_error", result.GetProperty("status").GetString());
        Assert.Equal("database unavailable", result.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Number, result.GetProperty("retry_after_ms").ValueKind);
        Assert.Equal(1500, result.GetProperty("retry_after_ms").GetInt64());
    }

    [Fact]
    public void Retryable_error_without_details_is_only_a_status()
    {
        var result = WriteOne(TransactionResult.Retryable(null, null));

        AssertProperties(result, "status");
        Assert.Equal("retryable_error", result.GetProperty("status").GetString());
    }

    [Fact]
    public void Fatal_error_carries_the_failed_operation()
    {
        using var details = JsonDocument.Parse("""{"constraint":"todos_pkey","columns":["id"]}""");
        var failed = new FailedOperation("UNIQUE_VIOLATION", "duplicate key") { OperationIndex = 2, Details = details.RootElement };

        var result = WriteOne(TransactionResult.Fatal(failed, requiresClientHandling: true));

        AssertProperties(result, "status", "requires_client_handling", "failed_operation", "message");
        Assert.Equal("fatal_error", result.GetProperty("status").GetString());
        Assert.True(result.GetProperty("requires_client_handling").GetBoolean());
        Assert.Equal("duplicate key", result.GetProperty("message").GetString());
        var operation = result.GetProperty("failed_operation");
        AssertProperties(operation, "error_code", "message", "operation_index", "details");
        Assert.Equal("UNIQUE_VIOLATION", operation.GetProperty("error_code").GetString());
        Assert.Equal("duplicate key", operation.GetProperty("message").GetString());
        Assert.Equal(2, operation.GetProperty("operation_index").GetInt32());
        Assert.Equal("todos_pkey", operation.GetProperty("details").GetProperty("constraint").GetString());
        Assert.Equal("id", operation.GetProperty("details").GetProperty("columns")[0].GetString());
    }

    [Fact]
    public void Minimal_fatal_error_writes_only_what_it_has()
    {
        var result = WriteOne(TransactionResult.Fatal(new FailedOperation("SCHEMA_MISMATCH", null), requiresClientHandling: false));

        AssertProperties(result, "status", "requires_client_handling", "failed_operation");
        Assert.Equal(JsonValueKind.False, result.GetProperty("requires_client_handling").ValueKind);
        var operation = result.GetProperty("failed_operation");
        AssertProperties(operation, "error_code");
        Assert.Equal("SCHEMA_MISMATCH", operation.GetProperty("error_code").GetString());
    }

    [Fact]
    public void Operation_index_zero_is_written()
    {
        var result = WriteOne(TransactionResult.Fatal(new FailedOperation("INVALID_DATA", "bad") { OperationIndex = 0 }, requiresClientHandling: true));

        Assert.Equal(0, result.GetProperty("failed_operation").GetProperty("operation_index").GetInt32());
    }

    [Fact]
    public void Results_keep_request_order()
    {
        var results = Write(
            TransactionResult.Success,
            TransactionResult.Fatal(new FailedOperation("INVALID_DATA", "x"), requiresClientHandling: false),
            TransactionResult.Retryable("later", TimeSpan.FromMilliseconds(250)),
            TransactionResult.NotAttempted);

        Assert.Equal(["success", "fatal_error", "retryable_error", "not_attempted"], results.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal(250, results[2].GetProperty("retry_after_ms").GetInt64());
    }

    [Fact]
    public void No_results_is_an_empty_array()
    {
        Assert.Empty(Write());
    }

    [Fact]
    public void Messages_with_quotes_and_unicode_are_escaped_json()
    {
        var message = "can't \"write\" 日本 \\ 🥚";

        var result = WriteOne(TransactionResult.Retryable(message, null));

        Assert.Equal(message, result.GetProperty("message").GetString());
    }
}
