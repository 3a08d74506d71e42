using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using PowerSync.Backend.Core.Diagnostics;

namespace PowerSync.Backend.Core.Processing;

/// <summary>
/// The Polly pipeline that retries transient failures: exponential backoff with jitter, a bounded number of
/// retries, and a time budget after which no new retry is scheduled. Time comes from <see cref="TimeProvider"/>.
/// </summary>
internal sealed class TransientRetry
{
    private static readonly ResiliencePropertyKey<long> StartedAt = new("powersync.started");
    private static readonly ResiliencePropertyKey<long?> TransactionId = new("powersync.transaction");

    private readonly ResiliencePipeline _pipeline;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _budget;

    public TransientRetry(IOptions<PowerSyncBackendOptions> options, FailureClassifier classifier, TimeProvider timeProvider, PowerSyncInstrumentation instrumentation, ILogger<TransientRetry> logger)
    {
        var retry = options.Value.Retry;
        _timeProvider = timeProvider;
        _budget = retry.TimeBudget;
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (retry.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = retry.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } exception
                    && !args.Context.CancellationToken.IsCancellationRequested
                    && classifier.Classify(exception).Classification.IsTransient
                    && WithinBudget(args.Context)),
                OnRetry = args =>
                {
                    var errorType = classifier.Classify(args.Outcome.Exception!).Classification.ErrorCode;
                    instrumentation.RecordRetry(errorType);
                    Log.Retrying(logger, args.Outcome.Exception!, errorType, args.Context.Properties.GetValue(TransactionId, null), args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            });
        }

        _pipeline = builder.Build();
    }

    /// <summary>Runs <paramref name="attempt"/> until it succeeds, fails permanently, or retries run out; then rethrows the last failure.</summary>
    public async ValueTask<TResult> ExecuteAsync<TResult, TState>(Func<TState, CancellationToken, ValueTask<TResult>> attempt, TState state, long? transactionId, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(StartedAt, _timeProvider.GetTimestamp());
            context.Properties.Set(TransactionId, transactionId);
            return await _pipeline.ExecuteAsync(
                static (ctx, s) => s.attempt(s.state, ctx.CancellationToken),
                context,
                (attempt, state)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private bool WithinBudget(ResilienceContext context) =>
        _timeProvider.GetElapsedTime(context.Properties.GetValue(StartedAt, 0)) < _budget;
}
