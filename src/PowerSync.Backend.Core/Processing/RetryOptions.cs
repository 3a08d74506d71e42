namespace PowerSync.Backend.Core.Processing;

/// <summary>How transient failures are retried inside a request before the client is told to re-send.</summary>
public sealed class RetryOptions
{
    /// <summary>Retries after the first attempt; 0 disables retrying.</summary>
    /// <value>3.</value>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's delay; later ones grow exponentially, with jitter.</summary>
    /// <value>50 ms.</value>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The longest delay between two attempts.</summary>
    /// <value>1 s.</value>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// No retry is scheduled once this long has passed since the first attempt. A retry scheduled just before
    /// still waits out its back-off, so the last attempt may start up to <see cref="MaxDelay"/> later.
    /// </summary>
    /// <value>5 s.</value>
    public TimeSpan TimeBudget { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The <c>retry_after_ms</c> reported with a <c>retryable_error</c>.</summary>
    /// <value>2 s.</value>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(2);
}
