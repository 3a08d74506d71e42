using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PowerSync.Backend.AspNetCore.Upload;
using PowerSync.Backend.Core.DependencyInjection;
using PowerSync.Backend.Testing;

namespace PowerSync.Backend.AspNetCore.Tests.Infrastructure;

/// <summary>An app with the upload endpoint at <c>/api/data</c> over an in-memory store; retries off unless asked.</summary>
public static class UploadApp
{
    public const string Path = "/api/data";

    public static Task<TestApp> StartAsync(
        Action<InMemoryStore>? store = null,
        Action<PowerSyncBackendBuilder>? backend = null,
        Action<PowerSyncUploadOptions>? upload = null,
        Action<IServiceCollection>? services = null) =>
        TestApp.StartAsync(
            services: s =>
            {
                s.AddPowerSyncBackend(b =>
                {
                    b.UseInMemory(store).Configure(o => o.Retry.MaxRetries = 0);
                    backend?.Invoke(b);
                });
                services?.Invoke(s);
            },
            map: app => app.MapPowerSyncUpload(Path, upload));

    /// <summary>Sends a body to the endpoint as <paramref name="user"/> (anonymous when null).</summary>
    public static Task<HttpResponseMessage> SendAsync(this TestApp app, string body, string? user = "alice", string? clientId = null, string method = "POST")
    {
        var request = new HttpRequestMessage(new HttpMethod(method), Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (user is not null)
        {
            request.Headers.Add(TestApp.UserHeader, user);
        }

        if (clientId is not null)
        {
            request.Headers.Add("PowerSync-Client-Id", clientId);
        }

        return app.Client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>The <c>status</c> of each result.</summary>
    public static string[] Statuses(this JsonElement body) =>
        [.. body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()!)];

    public static string? Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;

    public static MediaTypeHeaderValue? ContentType(this HttpResponseMessage response) => response.Content.Headers.ContentType;
}
