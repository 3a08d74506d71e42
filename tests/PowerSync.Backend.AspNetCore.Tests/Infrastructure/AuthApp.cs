using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PowerSync.Backend.AspNetCore.Auth;
using PowerSync.Backend.Testing;

namespace PowerSync.Backend.AspNetCore.Tests.Infrastructure;

/// <summary>
/// An app with the auth endpoints at <c>/api/auth</c>, the PowerSync token scheme as the default authentication,
/// and the upload endpoint at <c>/api/data</c> requiring an authenticated user, as the sample backend wires them.
/// </summary>
public static class AuthApp
{
    public const string Audience = "powersync-test";

    public static Task<TestApp> StartAsync(
        Action<PowerSyncAuthOptions>? auth = null,
        string? contentRoot = null,
        TestTimeProvider? clock = null,
        Action<WebApplicationBuilder>? configure = null,
        bool defaultKeys = true) =>
        TestApp.StartAsync(
            services: s =>
            {
                s.AddPowerSyncBackend(b => b.UseInMemory());
                s.AddAuthentication().AddPowerSyncToken();
                s.AddAuthorization();
                s.AddPowerSyncAuth(o =>
                {
                    if (defaultKeys)
                    {
                        o.Audiences.Add(Audience);
                        o.Keys.Add(TestKeys.Private(TestKeys.RsaA));
                    }

                    auth?.Invoke(o);
                });
            },
            map: app =>
            {
                app.MapPowerSyncAuth();
                app.MapPowerSyncUpload(UploadApp.Path).RequireAuthorization();
            },
            contentRoot: contentRoot,
            clock: clock,
            configure: configure);

    /// <summary>Uploads one put with a bearer token (or none).</summary>
    public static Task<HttpResponseMessage> UploadWithTokenAsync(this TestApp app, string? token, string scheme = "Bearer")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, UploadApp.Path) { Content = new StringContent(Bodies.OnePut()) };
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {token}");
        }

        return app.Client.SendAsync(request);
    }

    /// <summary>Gets a token from the token endpoint as a test user, or anonymously with a query.</summary>
    public static Task<HttpResponseMessage> GetTokenAsync(this TestApp app, string? user = "alice", string query = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/token" + query);
        if (user is not null)
        {
            request.Headers.Add(TestApp.UserHeader, user);
        }

        return app.Client.SendAsync(request);
    }
}
