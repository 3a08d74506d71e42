using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Hooks;
using PowerSync.Backend.Core.Processing;
using PowerSync.Backend.Core.Results;
using static PowerSync.Backend.Core.Tests.Processing.Crud;

namespace PowerSync.Backend.Core.Tests.Processing;

public sealed class FatalErrorPolicyTests
{
    [Fact]
    public async Task Stop_is_the_default_and_leaves_later_transactions_not_attempted()
    {
        await using var pipeline = PipelineFixture.Create(store: s => s.Reject(ErrorCodes.ForeignKeyViolation));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Put("a")), Tx(2, Put("b"))));

        Assert.Equal(FatalErrorPolicy.Stop, pipeline.Options.OnFatalError);
        Assert.Equal([TransactionStatus.FatalError, TransactionStatus.NotAttempted], result.Results.Select(r => r.Status));
        Assert.Empty(pipeline.Store.Applied);
        Assert.Single(pipeline.Store.DeadLetters);
    }

    [Fact]
    public async Task Skip_goes_on_with_later_transactions()
    {
        await using var pipeline = PipelineFixture.Create(
            b => b.Configure(o => o.OnFatalError = FatalErrorPolicy.Skip),
            s => s.Reject(ErrorCodes.ForeignKeyViolation));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Put("a")), Tx(2, Put("b")), Tx(3, Put("c"))));

        Assert.Equal([TransactionStatus.FatalError, TransactionStatus.Success, TransactionStatus.Success], result.Results.Select(r => r.Status));
        Assert.Equal(["b", "c"], pipeline.Store.Rows(Todos).Keys.Order());
        Assert.Equal(1, Assert.Single(pipeline.Store.DeadLetters).Transaction.TransactionId);
    }

    [Fact]
    public async Task An_upload_can_override_the_configured_policy()
    {
        await using var pipeline = PipelineFixture.Create(store: s => s.Reject(ErrorCodes.ForeignKeyViolation));
        var upload = Upload(Tx(1, Put("a")), Tx(2, Put("b")));

        var result = await pipeline.ProcessAsync(new CrudUpload(upload.UserId, upload.ClientId, upload.Transactions) { OnFatalError = FatalErrorPolicy.Skip });

        Assert.Equal(FatalErrorPolicy.Stop, pipeline.Options.OnFatalError);
        Assert.Equal([TransactionStatus.FatalError, TransactionStatus.Success], result.Results.Select(r => r.Status));
    }

    [Fact]
    public async Task Skip_still_stops_at_a_retryable_error()
    {
        await using var pipeline = PipelineFixture.Create(
            b => b.Configure(o =>
            {
                o.OnFatalError = FatalErrorPolicy.Skip;
                o.Retry.MaxRetries = 0;
            }),
            s => s.FailTransiently());

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Put("a")), Tx(2, Put("b"))));

        Assert.Equal([TransactionStatus.RetryableError, TransactionStatus.NotAttempted], result.Results.Select(r => r.Status));
    }

    [Fact]
    public async Task The_options_predicate_marks_a_refusal_for_client_handling_which_stops_even_with_Skip_and_is_not_dead_lettered()
    {
        await using var pipeline = PipelineFixture.Create(
            b => b.Configure(o =>
            {
                o.OnFatalError = FatalErrorPolicy.Skip;
                o.RequiresClientHandling = failed => failed.ErrorCode == ErrorCodes.UniqueViolation;
            }),
            s => s.Reject(ErrorCodes.UniqueViolation, atEntry: 1));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Put("a"), Put("b")), Tx(2, Put("c"))));

        var fatal = result.Results[0];
        Assert.Equal(TransactionStatus.FatalError, fatal.Status);
        Assert.True(fatal.RequiresClientHandling);
        Assert.Equal(1, fatal.FailedOperation!.OperationIndex);
        Assert.Equal(TransactionStatus.NotAttempted, result.Results[1].Status);
        Assert.Empty(pipeline.Store.DeadLetters);
        Assert.Empty(pipeline.Store.Rows(Todos));
    }

    [Fact]
    public async Task The_options_predicate_leaves_other_codes_to_the_policy()
    {
        await using var pipeline = PipelineFixture.Create(
            b => b.Configure(o =>
            {
                o.OnFatalError = FatalErrorPolicy.Skip;
                o.RequiresClientHandling = failed => failed.ErrorCode == ErrorCodes.UniqueViolation;
            }),
            s => s.Reject(ErrorCodes.CheckViolation));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Put("a")), Tx(2, Put("b"))));

        Assert.False(result.Results[0].RequiresClientHandling);
        Assert.Equal(TransactionStatus.Success, result.Results[1].Status);
        Assert.Single(pipeline.Store.DeadLetters);
    }

    [Fact]
    public async Task A_verdict_requiring_client_handling_stops_even_with_Skip_is_not_dead_lettered_and_is_processed_again_when_resent()
    {
        await using var pipeline = PipelineFixture.Create(b => b
            .Configure(o => o.OnFatalError = FatalErrorPolicy.Skip)
            .Table(Todos, t => t.Validate(c => c.Entry.Id == "a"
                ? EntryVerdict.Reject("NEEDS_REVIEW", "ask the user") with { RequiresClientHandling = true }
                : EntryVerdict.Accept)));
        var upload = Upload(Tx(1, Put("a")), Tx(2, Put("b")));

        var first = await pipeline.ProcessAsync(upload);
        var second = await pipeline.ProcessAsync(upload);

        Assert.Equal([TransactionStatus.FatalError, TransactionStatus.NotAttempted], first.Results.Select(r => r.Status));
        Assert.True(first.Results[0].RequiresClientHandling);
        Assert.Equal("NEEDS_REVIEW", first.Results[0].FailedOperation!.ErrorCode);
        Assert.Empty(pipeline.Store.DeadLetters);
        // The ledger did not move past it: the re-sent transaction is refused again, not skipped as a duplicate.
        Assert.Equal(TransactionStatus.FatalError, second.Results[0].Status);
        Assert.False(second.Results[0].IsDuplicate);
        Assert.Empty(pipeline.Store.Applied);
    }

    [Fact]
    public async Task A_CrudRejectedException_requiring_client_handling_stops_even_with_Skip()
    {
        await using var pipeline = PipelineFixture.Create(b => b
            .Configure(o => o.OnFatalError = FatalErrorPolicy.Skip)
            .Table(Todos, t => t.Authorize(c => c.Entry.Id == "a" ? throw new CrudRejectedException("LOCKED", "row locked") { RequiresClientHandling = true } : true)));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Put("a")), Tx(2, Put("b"))));

        Assert.True(result.Results[0].RequiresClientHandling);
        Assert.Equal(TransactionStatus.NotAttempted, result.Results[1].Status);
        Assert.Empty(pipeline.Store.DeadLetters);
    }
}
