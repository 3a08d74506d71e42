using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PowerSync.Backend.Testing;

namespace PowerSync.Backend.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A <see cref="WebApplication"/> on a <see cref="TestServer"/>, with a controllable clock, collected logs and a
/// test sign-in: a request with an <c>X-Test-User</c> header is authenticated as that user (claim <c>sub</c>).
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    public const string UserHeader = "X-Test-User";

    private TestApp(WebApplication app, TestTimeProvider clock, CollectingLoggerProvider logs, string contentRoot)
    {
        App = app;
        Clock = clock;
        Logs = logs;
        ContentRoot = contentRoot;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }

    public TestTimeProvider Clock { get; }

    public CollectingLoggerProvider Logs { get; }

    public string ContentRoot { get; }

    public HttpClient Client { get; }

    public TestServer Server => App.GetTestServer();

    public IServiceProvider Services => App.Services;

    public InMemoryStore Store => Services.GetRequiredService<InMemoryStore>();

    /// <summary>Builds and starts an app.</summary>
    /// <param name="services">Registers services.</param>
    /// <param name="map">Maps endpoints.</param>
    /// <param name="contentRoot">The content root (key files live under it); a new temporary folder by default.</param>
    /// <param name="clock">The clock; a new one by default.</param>
    /// <param name="configure">Changes the builder otherwise (configuration).</param>
    public static async Task<TestApp> StartAsync(
        Action<IServiceCollection>? services = null,
        Action<WebApplication>? map = null,
        string? contentRoot = null,
        TestTimeProvider? clock = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        contentRoot ??= TempFolder.Create();
        clock ??= new TestTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var logs = new CollectingLoggerProvider();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = contentRoot });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddSingleton<TimeProvider>(clock);
        configure?.Invoke(builder);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.Use((context, next) =>
        {
            if (context.Request.Headers[UserHeader] is [{ Length: > 0 } user])
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", user)], "test"));
            }

            return next(context);
        });
        map?.Invoke(app);
        await app.StartAsync(CancellationToken.None);
        return new TestApp(app, clock, logs, contentRoot);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }
}
