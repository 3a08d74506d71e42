using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Results;
using static PowerSync.Backend.Core.Tests.Processing.Crud;

namespace PowerSync.Backend.Core.Tests.Processing;

public sealed class OutcomeTests
{
    [Fact]
    public async Task An_applied_transaction_is_a_success_and_its_rows_are_stored()
    {
        await using var pipeline = PipelineFixture.Create();

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Put("a", ("title", "x"), ("done", 0)))));

        var success = Assert.Single(result.Results);
        Assert.Equal(TransactionStatus.Success, success.Status);
        Assert.False(success.IsDuplicate);
        Assert.Null(success.FailedOperation);
        Assert.True(result.AllSucceeded);
        Assert.False(result.HasPendingTransactions);
        Assert.Equal(Data(("title", "x"), ("done", 0)), pipeline.Store.Row(Todos, "a"));
        var applied = Assert.Single(pipeline.Store.Applied);
        Assert.Equal(User, applied.UserId);
        Assert.Equal(Client, applied.ClientId);
        Assert.Equal(1, applied.Attempt);
    }

    [Fact]
    public async Task A_resent_transaction_is_a_duplicate_success_and_is_applied_once()
    {
        await using var pipeline = PipelineFixture.Create();
        var upload = Upload(Tx(1, Put("a", ("title", "x"))));

        var first = await pipeline.ProcessAsync(upload);
        var second = await pipeline.ProcessAsync(upload);

        Assert.False(Assert.Single(first.Results).IsDuplicate);
        var duplicate = Assert.Single(second.Results);
        Assert.Equal(TransactionStatus.Success, duplicate.Status);
        Assert.True(duplicate.IsDuplicate);
        Assert.True(second.AllSucceeded);
        Assert.Single(pipeline.Store.Applied);
    }

    [Fact]
    public async Task A_persistent_transient_failure_is_a_retryable_error_with_the_configured_retry_after_and_the_rest_not_attempted()
    {
        await using var pipeline = PipelineFixture.Create(
            b => b.Configure(o =>
            {
                o.Retry.MaxRetries = 1;
                o.Retry.RetryAfter = TimeSpan.FromSeconds(7);
            }),
            store => store.FailTransiently(times: 2));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Puts(1)), Tx(2, Put("b")), Tx(3, Put("c"))));

        Assert.Equal([TransactionStatus.RetryableError, TransactionStatus.NotAttempted, TransactionStatus.NotAttempted], result.Results.Select(r => r.Status));
        Assert.Equal(TimeSpan.FromSeconds(7), result.Results[0].RetryAfter);
        Assert.NotNull(result.Results[0].Message);
        Assert.Null(result.Results[0].FailedOperation);
        Assert.True(result.HasPendingTransactions);
        Assert.Empty(pipeline.Store.Applied);
        Assert.Empty(pipeline.Store.DeadLetters);
    }

    [Fact]
    public async Task A_refused_transaction_is_a_fatal_error_with_its_failed_operation_and_the_rest_not_attempted()
    {
        await using var pipeline = PipelineFixture.Create(store: s => s.Reject(ErrorCodes.CheckViolation));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Puts(1)), Tx(2, Put("b"))));

        var fatal = result.Results[0];
        Assert.Equal(TransactionStatus.FatalError, fatal.Status);
        Assert.False(fatal.RequiresClientHandling);
        Assert.Equal(ErrorCodes.CheckViolation, fatal.FailedOperation!.ErrorCode);
        Assert.Equal(0, fatal.FailedOperation.OperationIndex);
        Assert.Equal(fatal.FailedOperation.Message, fatal.Message);
        // The classifier's code is reported with a fixed text, never the driver's message.
        Assert.DoesNotContain("scripted", fatal.Message, StringComparison.Ordinal);
        Assert.Equal(TransactionStatus.NotAttempted, result.Results[1].Status);
        Assert.Null(pipeline.Store.Row(Todos, "b"));
    }

    [Fact]
    public async Task Transactions_after_a_stop_are_not_attempted_and_are_applied_when_resent()
    {
        await using var pipeline = PipelineFixture.Create(store: s => s.Reject(ErrorCodes.UniqueViolation));
        var upload = Upload(Tx(1, Puts(1)), Tx(2, Put("b")), Tx(3, Put("c")));

        var first = await pipeline.ProcessAsync(upload);
        var second = await pipeline.ProcessAsync(upload);

        Assert.Equal([TransactionStatus.FatalError, TransactionStatus.NotAttempted, TransactionStatus.NotAttempted], first.Results.Select(r => r.Status));
        Assert.All(second.Results, r => Assert.Equal(TransactionStatus.Success, r.Status));
        Assert.Equal([true, false, false], second.Results.Select(r => r.IsDuplicate));
        Assert.Equal(["b", "c"], pipeline.Store.Rows(Todos).Keys.Order());
    }

    [Fact]
    public async Task An_empty_upload_has_no_results()
    {
        await using var pipeline = PipelineFixture.Create();

        var result = await pipeline.ProcessAsync(Upload());

        Assert.Empty(result.Results);
        Assert.Equal(0, pipeline.Store.Attempts);
    }
}
