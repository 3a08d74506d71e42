using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PowerSync.Backend.Core.Applying;
using PowerSync.Backend.Core.DeadLetters;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Core.Processing;

namespace PowerSync.Backend.Core.DependencyInjection;

/// <summary>Refuses at start-up options that cannot work, and a pipeline without a database provider.</summary>
internal sealed class PowerSyncBackendOptionsValidator : IValidateOptions<PowerSyncBackendOptions>
{
    private readonly IServiceProviderIsService _services;

    public PowerSyncBackendOptionsValidator(IServiceProviderIsService services) => _services = services;

    public ValidateOptionsResult Validate(string? name, PowerSyncBackendOptions options)
    {
        var failures = new List<string>();
        var limits = options.Limits;
        Require(failures, limits.MaxTransactions >= 1, "Limits.MaxTransactions must be at least 1.");
        Require(failures, limits.MaxEntries >= 1, "Limits.MaxEntries must be at least 1.");
        Require(failures, limits.MaxBytes >= 2 && limits.MaxBytes <= Array.MaxLength, $"Limits.MaxBytes must be between 2 and {Array.MaxLength}.");
        Require(failures, limits.MaxDepth >= 6, "Limits.MaxDepth must be at least 6 (the request shapes themselves nest 6 deep).");
        var retry = options.Retry;
        Require(failures, retry.MaxRetries is >= 0 and <= 100, "Retry.MaxRetries must be between 0 and 100.");
        // Polly refuses delays over a day when the retry pipeline is built; refuse them here, at start-up.
        Require(failures, retry.MaxDelay >= TimeSpan.Zero && retry.MaxDelay <= TimeSpan.FromDays(1), "Retry.MaxDelay must be between zero and one day.");
        Require(failures, retry.BaseDelay >= TimeSpan.Zero && retry.BaseDelay <= retry.MaxDelay, "Retry.BaseDelay must be between zero and Retry.MaxDelay.");
        Require(failures, retry.TimeBudget > TimeSpan.Zero, "Retry.TimeBudget must be positive.");
        Require(failures, retry.RetryAfter >= TimeSpan.Zero, "Retry.RetryAfter must not be negative.");
        Require(failures, Enum.IsDefined(options.OnFatalError), "OnFatalError is not a known policy.");
        foreach (var service in (Type[])[typeof(ICrudApplier), typeof(IIdempotencyLedger), typeof(IDeadLetterStore)])
        {
            Require(failures, _services.IsService(service), $"No {service.Name} is registered: choose a database provider in AddPowerSyncBackend (for example UsePostgres(…), or UseInMemory() from PowerSync.Backend.Testing).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Require(List<string> failures, bool condition, string message)
    {
        if (!condition)
        {
            failures.Add(message);
        }
    }
}
