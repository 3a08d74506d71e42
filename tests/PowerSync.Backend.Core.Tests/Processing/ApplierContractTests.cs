using Microsoft.Extensions.DependencyInjection;
using PowerSync.Backend.Core.Applying;
using PowerSync.Backend.Core.DeadLetters;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Core.Results;
using PowerSync.Backend.Testing;
using static PowerSync.Backend.Core.Tests.Processing.Crud;

namespace PowerSync.Backend.Core.Tests.Processing;

/// <summary>How the pipeline copes with seams that fail or misbehave: it must never block the client's queue by accident.</summary>
public sealed class ApplierContractTests
{
    [Fact]
    public async Task An_applier_reporting_an_index_outside_the_transaction_still_gets_a_fatal_error_without_an_index()
    {
        await using var pipeline = PipelineFixture.Create(overrides: s => s.AddSingleton<ICrudApplier, WrongIndexApplier>());

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Put("a"), Put("b"))));

        var failed = Assert.Single(result.Results).FailedOperation!;
        Assert.Equal(ErrorCodes.UniqueViolation, failed.ErrorCode);
        Assert.Null(failed.OperationIndex);
        Assert.Single(pipeline.Store.DeadLetters);
    }

    [Fact]
    public async Task A_dead_letter_that_cannot_be_written_fails_the_request_and_the_ledger_does_not_move()
    {
        await using var pipeline = PipelineFixture.Create(
            store: s => s.Reject(ErrorCodes.CheckViolation),
            overrides: s => s.AddSingleton<IDeadLetterStore, FailingDeadLetterStore>());

        await Assert.ThrowsAsync<IOException>(() => pipeline.ProcessAsync(Upload(Tx(1, Put("a")))));

        Assert.Equal(LedgerPosition.None, pipeline.Store.PositionOf(new ClientKey(User, Client)));
        Assert.Empty(pipeline.Store.Applied);
    }

    [Fact]
    public async Task An_unavailable_ledger_is_retried_then_gives_a_retryable_error_for_the_first_transaction_and_not_attempted_for_the_rest()
    {
        await using var pipeline = PipelineFixture.Create(
            b => b.Configure(o => o.Retry.RetryAfter = TimeSpan.FromSeconds(9)),
            overrides: s => s.AddSingleton<IIdempotencyLedger, UnavailableLedger>());

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Put("a")), Tx(2, Put("b"))));

        Assert.Equal([TransactionStatus.RetryableError, TransactionStatus.NotAttempted], result.Results.Select(r => r.Status));
        Assert.Equal(TimeSpan.FromSeconds(9), result.Results[0].RetryAfter);
        Assert.Equal(pipeline.Options.Retry.MaxRetries, pipeline.Clock.Delays.Count);
        Assert.Equal(0, pipeline.Store.Attempts);
    }

    [Fact]
    public async Task An_upload_without_client_id_never_reads_the_ledger()
    {
        await using var pipeline = PipelineFixture.Create(overrides: s => s.AddSingleton<IIdempotencyLedger, UnavailableLedger>());

        var result = await pipeline.ProcessAsync(UploadFrom(null, Tx(1, Put("a"))));

        Assert.True(result.AllSucceeded);
    }

    [Fact]
    public async Task A_cancelled_request_throws_and_applies_nothing()
    {
        await using var pipeline = PipelineFixture.Create();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pipeline.ProcessAsync(Upload(Tx(1, Put("a"))), cancellation.Token));

        Assert.Empty(pipeline.Store.Applied);
        Assert.Empty(pipeline.Store.DeadLetters);
    }

    [Fact]
    public async Task A_request_cancelled_during_a_retry_back_off_throws_and_applies_nothing()
    {
        await using var pipeline = PipelineFixture.Create(store: s => s.FailTransiently(times: 1));
        pipeline.Clock.AutoAdvance = false;
        using var cancellation = new CancellationTokenSource();

        var processing = pipeline.ProcessAsync(Upload(Tx(1, Put("a"))), cancellation.Token);
        await WaitUntilAsync(() => pipeline.Clock.Delays.Count == 1);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => processing);
        Assert.Equal(1, pipeline.Store.Attempts);
        Assert.Empty(pipeline.Store.Applied);
        Assert.Empty(pipeline.Store.DeadLetters);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 10_000 && !condition(); i++)
        {
            await Task.Yield();
        }

        Assert.True(condition());
    }

    [Fact]
    public async Task A_cancellation_the_caller_did_not_ask_for_is_retried_as_a_timeout()
    {
        var applier = new CancelsOnceApplier();
        await using var pipeline = PipelineFixture.Create(overrides: s => s.AddSingleton<ICrudApplier>(applier));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Put("a"))));

        Assert.Equal(TransactionStatus.Success, Assert.Single(result.Results).Status);
        Assert.Equal(2, applier.Calls);
    }

    private sealed class CancelsOnceApplier : ICrudApplier
    {
        public int Calls { get; private set; }

        public ValueTask<ApplyOutcome> ApplyAsync(ApplyContext context, CancellationToken cancellationToken) =>
            ++Calls == 1 ? throw new OperationCanceledException("a command timeout inside the driver") : ValueTask.FromResult(ApplyOutcome.Applied);
    }

    private sealed class WrongIndexApplier : ICrudApplier
    {
        public ValueTask<ApplyOutcome> ApplyAsync(ApplyContext context, CancellationToken cancellationToken) =>
            throw new CrudApplyException(7, new InMemoryStoreException(ErrorClassification.Rejected(ErrorCodes.UniqueViolation), "bad index"));
    }

    private sealed class UnavailableLedger : IIdempotencyLedger
    {
        public ValueTask<LedgerPosition> GetPositionAsync(ClientKey client, CancellationToken cancellationToken) =>
            throw new InMemoryStoreException(ErrorClassification.Transient("08006"), "connection lost");
    }

    private sealed class FailingDeadLetterStore : IDeadLetterStore
    {
        public ValueTask WriteAsync(DeadLetter letter, CancellationToken cancellationToken) => throw new IOException("disk full");
    }
}
