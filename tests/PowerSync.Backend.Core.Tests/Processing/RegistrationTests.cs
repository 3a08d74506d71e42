using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PowerSync.Backend.Core.Applying;
using PowerSync.Backend.Core.DeadLetters;
using PowerSync.Backend.Core.Hooks;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Core.Processing;
using PowerSync.Backend.Core.Wire;
using PowerSync.Backend.Testing;
using static PowerSync.Backend.Core.Tests.Processing.Crud;

namespace PowerSync.Backend.Core.Tests.Processing;

public sealed class RegistrationTests
{
    [Fact]
    public void Without_a_provider_reading_the_options_fails_validation_naming_the_missing_seams()
    {
        using var services = new ServiceCollection().AddPowerSyncBackend().Services.BuildServiceProvider();

        var thrown = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PowerSyncBackendOptions>>().Value);

        Assert.Contains(nameof(ICrudApplier), thrown.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(IIdempotencyLedger), thrown.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(IDeadLetterStore), thrown.Message, StringComparison.Ordinal);
        Assert.Contains("UseInMemory()", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_provider_host_start_validation_fails_naming_ICrudApplier()
    {
        using var services = new ServiceCollection().AddPowerSyncBackend().Services.BuildServiceProvider();

        var thrown = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(nameof(ICrudApplier), thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_provider_resolving_the_processor_fails_naming_ICrudApplier()
    {
        await using var services = new ServiceCollection().AddPowerSyncBackend().Services.BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();

        var thrown = Assert.ThrowsAny<Exception>(() => scope.ServiceProvider.GetRequiredService<IUploadProcessor>());

        Assert.Contains(nameof(ICrudApplier), thrown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Limits.MaxTransactions")]
    [InlineData("Limits.MaxEntries")]
    [InlineData("Limits.MaxBytes")]
    [InlineData("Limits.MaxDepth")]
    [InlineData("Retry.MaxRetries")]
    [InlineData("Retry.BaseDelay")]
    [InlineData("Retry.MaxDelay")]
    [InlineData("Retry.TimeBudget")]
    [InlineData("Retry.RetryAfter")]
    [InlineData("OnFatalError")]
    public void An_invalid_option_fails_validation_naming_it(string option)
    {
        using var services = new ServiceCollection()
            .AddPowerSyncBackend(b => b.UseInMemory().Configure(o => Break(o, option)))
            .Services.BuildServiceProvider();

        var thrown = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PowerSyncBackendOptions>>().Value);

        Assert.Contains(option, thrown.Message, StringComparison.Ordinal);
        Assert.Single(thrown.Failures);
    }

    [Fact]
    public async Task Options_that_pass_validation_build_a_working_retry_pipeline()
    {
        // The retry pipeline's own limits (delays up to a day) must be caught by validation, not on first use.
        await using var pipeline = PipelineFixture.Create(b => b.Configure(o =>
        {
            o.Retry.MaxDelay = TimeSpan.FromDays(1);
            o.Retry.BaseDelay = TimeSpan.FromDays(1);
        }));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Put("a"))));

        Assert.True(result.AllSucceeded);
    }

    [Fact]
    public void The_defaults_are_valid_and_as_documented()
    {
        using var services = new ServiceCollection().AddPowerSyncBackend(b => b.UseInMemory()).Services.BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<PowerSyncBackendOptions>>().Value;

        Assert.Equal(FatalErrorPolicy.Stop, options.OnFatalError);
        Assert.Null(options.RequiresClientHandling);
        Assert.Equal(3, options.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.Retry.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(1), options.Retry.MaxDelay);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Retry.TimeBudget);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Retry.RetryAfter);
        services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public async Task Calling_AddPowerSyncBackend_twice_registers_the_pipeline_once()
    {
        var collection = new ServiceCollection();
        collection.AddSingleton(new CallLog());
        collection.AddPowerSyncBackend(b => b.UseInMemory().AddAuthorizationHook<RecordingAuthorizationHook>());
        collection.AddPowerSyncBackend();
        await using var services = collection.BuildServiceProvider();

        Assert.Single(collection, d => d.ServiceType == typeof(IUploadProcessor));
        Assert.Single(collection, d => d.ServiceType == typeof(IValidateOptions<PowerSyncBackendOptions>));
        Assert.Single(collection, d => d.ServiceType == typeof(CrudUploadParser));
        Assert.Single(collection, d => d.ServiceType == typeof(TimeProvider));
        Assert.Single(collection, d => d.ServiceType == typeof(ICrudApplier));
        Assert.Single(collection, d => d.ServiceType == typeof(IAuthorizationHook));
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IUploadProcessor>().ProcessAsync(Upload(Tx(1, Put("a"))), CancellationToken.None);
        Assert.Equal(["auth:global:0"], services.GetRequiredService<CallLog>().Calls);
    }

    [Fact]
    public async Task A_time_provider_registered_first_is_kept()
    {
        await using var pipeline = PipelineFixture.Create();

        Assert.Same(pipeline.Clock, pipeline.Services.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public async Task A_second_provider_replaces_the_first()
    {
        await using var services = new ServiceCollection()
            .AddPowerSyncBackend(b => b
                .UseInMemory(s => s.Seed(Todos, "first", Data()))
                .UseInMemory(s => s.Seed(Todos, "second", Data())))
            .Services.BuildServiceProvider();

        var store = services.GetRequiredService<InMemoryStore>();

        Assert.Same(store, services.GetRequiredService<ICrudApplier>());
        Assert.Equal(["second"], store.Rows(Todos).Keys);
        Assert.Single(services.GetServices<ICrudApplier>());
    }

    [Fact]
    public async Task The_processor_is_scoped()
    {
        await using var pipeline = PipelineFixture.Create();
        await using var first = pipeline.Services.CreateAsyncScope();
        await using var second = pipeline.Services.CreateAsyncScope();

        var processor = first.ServiceProvider.GetRequiredService<IUploadProcessor>();

        Assert.Same(processor, first.ServiceProvider.GetRequiredService<IUploadProcessor>());
        Assert.NotSame(processor, second.ServiceProvider.GetRequiredService<IUploadProcessor>());
    }

    [Fact]
    public async Task DI_hooks_are_resolved_per_scope_and_may_use_scoped_services()
    {
        await using var pipeline = PipelineFixture.Create(
            b => b.AddAuthorizationHook<ScopedAuthorizationHook>(),
            services: s => s.AddScoped<RequestState>());

        await pipeline.ProcessAsync(Upload(Tx(1, Put("a"), Put("b"))));
        await pipeline.ProcessAsync(Upload(Tx(2, Put("c"))));

        // One hook and one request state per upload: the second starts counting afresh.
        Assert.Equal(["new hook", "1 a", "2 b", "new hook", "1 c"], pipeline.Calls.Calls);
    }

    private static void Break(PowerSyncBackendOptions options, string option)
    {
        switch (option)
        {
            case "Limits.MaxTransactions": options.Limits.MaxTransactions = 0; break;
            case "Limits.MaxEntries": options.Limits.MaxEntries = 0; break;
            case "Limits.MaxBytes": options.Limits.MaxBytes = 1; break;
            case "Limits.MaxDepth": options.Limits.MaxDepth = 5; break;
            case "Retry.MaxRetries": options.Retry.MaxRetries = -1; break;
            case "Retry.BaseDelay": options.Retry.BaseDelay = TimeSpan.FromSeconds(2); break;
            case "Retry.MaxDelay": options.Retry.MaxDelay = TimeSpan.FromDays(2); break;
            case "Retry.TimeBudget": options.Retry.TimeBudget = TimeSpan.Zero; break;
            case "Retry.RetryAfter": options.Retry.RetryAfter = TimeSpan.FromSeconds(-1); break;
            case "OnFatalError": options.OnFatalError = (FatalErrorPolicy)42; break;
            default: throw new ArgumentOutOfRangeException(nameof(option), option, null);
        }
    }

    /// <summary>State of one request (scope).</summary>
    public sealed class RequestState
    {
        public int Entries { get; set; }
    }

    /// <summary>Records its creation, then "{entries seen in this scope} {id}" per entry.</summary>
    public sealed class ScopedAuthorizationHook : IAuthorizationHook
    {
        private readonly RequestState _state;
        private readonly CallLog _calls;

        public ScopedAuthorizationHook(RequestState state, CallLog calls)
        {
            _state = state;
            _calls = calls;
            calls.Add("new hook");
        }

        public ValueTask<EntryVerdict> AuthorizeAsync(EntryContext context, CancellationToken cancellationToken)
        {
            _state.Entries++;
            _calls.Add($"{_state.Entries} {context.Entry.Id}");
            return ValueTask.FromResult(EntryVerdict.Accept);
        }
    }
}
