using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace PowerSync.Backend.Sample.Tests.Infrastructure;

/// <summary>
/// The sample backend started in-process through <see cref="SampleApp.Build"/>, on real Kestrel at a free loopback
/// port, against a fresh database, in development mode, with a content root of its own (where the development key is
/// generated).
/// </summary>
internal sealed class SampleServer : IAsyncDisposable
{
    public const string Audience = "sample-tests";

    private readonly bool _ownsDatabase;

    private SampleServer(WebApplication app, TestDatabase database, bool ownsDatabase, string contentRoot, CollectingLoggerProvider logs)
    {
        App = app;
        Database = database;
        _ownsDatabase = ownsDatabase;
        ContentRoot = contentRoot;
        Logs = logs;
        Url = app.Urls.Single();
        Client = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }

    public TestDatabase Database { get; }

    public string ContentRoot { get; }

    public CollectingLoggerProvider Logs { get; }

    public string Url { get; }

    public HttpClient Client { get; }

    /// <summary>The development key the server generated: a private JWK file.</summary>
    public string DevelopmentKeyPath => Path.Combine(ContentRoot, ".powersync", "development-key.json");

    /// <summary>Starts a server on a fresh database, or on <paramref name="database"/>, which the caller then keeps and drops.</summary>
    public static async Task<SampleServer> StartAsync(bool developmentMode = true, TestDatabase? database = null)
    {
        var ownsDatabase = database is null;
        database ??= await TestDatabase.CreateAsync();
        var contentRoot = Directory.CreateTempSubdirectory("powersync-sample-tests-").FullName;
        var logs = new CollectingLoggerProvider();
        string[] args =
        [
            "--environment=Testing",
            $"--contentRoot={contentRoot}",
            "--urls=http://127.0.0.1:0",
            $"--ConnectionStrings:PowerSync={database.ConnectionString}",
            $"--PowerSync:Auth:Audiences:0={Audience}",
            "--PowerSync:Auth:GenerateDevelopmentKey=true",
            $"--PowerSync:Auth:DevelopmentMode={developmentMode}",
        ];
        var app = SampleApp.Build(args, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
        });
        await app.StartAsync(CancellationToken.None);
        return new SampleServer(app, database, ownsDatabase, contentRoot, logs);
    }

    public Task<HttpResponseMessage> GetAsync(string pathAndQuery) =>
        Client.GetAsync(new Uri(pathAndQuery, UriKind.Relative), CancellationToken.None);

    public async Task<string> TokenAsync(string userId)
    {
        using var response = await GetAsync($"/api/auth/token?user_id={Uri.EscapeDataString(userId)}");
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None));
        return json.RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>POSTs an upload body as a connector does; <paramref name="token"/> null sends none.</summary>
    public async Task<(int Status, string Body)> UploadAsync(string? token, string body, string clientId = "test-client")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/data") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        request.Headers.Add("PowerSync-Client-Id", clientId);
        using var response = await Client.SendAsync(request, CancellationToken.None);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(CancellationToken.None));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
        if (_ownsDatabase)
        {
            await Database.DisposeAsync();
        }

        Directory.Delete(ContentRoot, recursive: true);
    }
}
