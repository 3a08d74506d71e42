using System.Net;
using Microsoft.Extensions.Logging;
using PowerSync.Backend.AspNetCore.Tests.Infrastructure;

namespace PowerSync.Backend.AspNetCore.Tests.Auth;

public sealed class TokenEndpointTests
{
    [Fact]
    public async Task Authenticated_user_gets_a_token_the_url_and_the_expiry()
    {
        await using var app = await AuthApp.StartAsync(o => o.PowerSyncUrl = new Uri("https://sync.example.com"));

        using var response = await app.GetTokenAsync("alice");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await response.JsonAsync();
        Assert.Equal(["expires_at", "powersync_url", "token"], body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("https://sync.example.com/", body.GetProperty("powersync_url").GetString());
        Assert.Equal("2025-06-01T12:05:00Z", body.GetProperty("expires_at").GetString());
        var token = body.GetProperty("token").GetString()!;
        Assert.Equal("rsa-a", Jwt.Header(token).GetProperty("kid").GetString());
        Assert.Equal("RS256", Jwt.Header(token).GetProperty("alg").GetString());
        var payload = Jwt.Payload(token);
        Assert.Equal("alice", payload.GetProperty("sub").GetString());
        Assert.Equal(AuthApp.Audience, payload.GetProperty("aud").GetString());
        Assert.Equal(300, payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64());
    }

    [Fact]
    public async Task Issued_token_authenticates_uploads_as_its_user()
    {
        await using var app = await AuthApp.StartAsync();
        using var tokenResponse = await app.GetTokenAsync("alice");
        var token = (await tokenResponse.JsonAsync()).GetProperty("token").GetString();

        using var upload = await app.UploadWithTokenAsync(token);

        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.Equal("alice", Assert.Single(app.Store.Applied).UserId);
    }

    [Fact]
    public async Task Anonymous_token_request_is_a_401_and_user_id_is_ignored()
    {
        await using var app = await AuthApp.StartAsync();

        using var response = await app.GetTokenAsync(user: null, query: "?user_id=mallory");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("authentication required", (await response.JsonAsync()).GetProperty("message").GetString());
        Assert.False(app.Logs.Has(3101));
    }

    [Fact]
    public async Task Development_mode_issues_a_token_for_user_id_and_warns_loudly()
    {
        await using var app = await AuthApp.StartAsync(o => o.DevelopmentMode = true);

        using var response = await app.GetTokenAsync(user: null, query: "?user_id=bob");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("bob", Jwt.Payload((await response.JsonAsync()).GetProperty("token").GetString()!).GetProperty("sub").GetString());
        var warning = Assert.Single(app.Logs.Entries, e => e.EventId == 3101);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("DEVELOPMENT MODE", warning.Message, StringComparison.Ordinal);
        Assert.Contains(app.Logs.Entries, e => e.EventId == 3102 && e.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task Development_mode_without_user_id_is_a_400()
    {
        await using var app = await AuthApp.StartAsync(o => o.DevelopmentMode = true);

        using var response = await app.GetTokenAsync(user: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Development_mode_still_uses_the_authenticated_user_over_user_id()
    {
        await using var app = await AuthApp.StartAsync(o => o.DevelopmentMode = true);

        using var response = await app.GetTokenAsync(user: "alice", query: "?user_id=bob");

        Assert.Equal("alice", Jwt.Payload((await response.JsonAsync()).GetProperty("token").GetString()!).GetProperty("sub").GetString());
        Assert.False(app.Logs.Has(3101));
    }

    [Fact]
    public async Task Token_request_hook_adds_parameters()
    {
        await using var app = await AuthApp.StartAsync(o => o.OnTokenRequest = context =>
        {
            context.Request.Parameters["tenant"] = context.HttpContext.Request.Headers["X-Tenant"].ToString();
            return ValueTask.CompletedTask;
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/token");
        request.Headers.Add(TestApp.UserHeader, "alice");
        request.Headers.Add("X-Tenant", "acme");

        using var response = await app.Client.SendAsync(request);

        var payload = Jwt.Payload((await response.JsonAsync()).GetProperty("token").GetString()!);
        Assert.Equal("acme", payload.GetProperty("parameters").GetProperty("tenant").GetString());
    }

    [Fact]
    public async Task Failure_in_the_hook_is_a_500_without_detail()
    {
        await using var app = await AuthApp.StartAsync(o => o.OnTokenRequest = _ => throw new InvalidOperationException("secret"));

        using var response = await app.GetTokenAsync("alice");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("""{"message":"internal error"}""", await response.Content.ReadAsStringAsync());
        Assert.True(app.Logs.Has(3105));
    }

    [Fact]
    public async Task Powersync_url_is_null_when_not_configured()
    {
        await using var app = await AuthApp.StartAsync();

        using var response = await app.GetTokenAsync("alice");

        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await response.JsonAsync()).GetProperty("powersync_url").ValueKind);
    }
}
