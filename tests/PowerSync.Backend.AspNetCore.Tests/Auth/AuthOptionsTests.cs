using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PowerSync.Backend.AspNetCore.Auth;
using PowerSync.Backend.AspNetCore.Keys;
using PowerSync.Backend.AspNetCore.Tests.Infrastructure;
using PowerSync.Backend.AspNetCore.Tokens;

namespace PowerSync.Backend.AspNetCore.Tests.Auth;

/// <summary>Options from configuration, checked at start-up.</summary>
public sealed class AuthOptionsTests
{
    [Fact]
    public async Task Lifetime_over_86400_seconds_is_refused_at_start_up()
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => AuthApp.StartAsync(o => o.TokenLifetime = TimeSpan.FromSeconds(86_401)));

        Assert.Contains("TokenLifetime", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lifetime_of_exactly_a_day_is_accepted()
    {
        await using var app = await AuthApp.StartAsync(o => o.TokenLifetime = TimeSpan.FromDays(1));

        using var response = await app.GetTokenAsync("alice");

        var payload = Jwt.Payload((await response.JsonAsync()).GetProperty("token").GetString()!);
        Assert.Equal(86_400, payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64());
    }

    [Fact]
    public async Task Missing_audience_is_refused_at_start_up()
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => AuthApp.StartAsync(o => o.Keys.Add(TestKeys.Private(TestKeys.RsaA)), defaultKeys: false));

        Assert.Contains("Audiences", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_keys_without_a_development_key_is_refused_at_start_up()
    {
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => AuthApp.StartAsync(o => o.Audiences.Add("a"), defaultKeys: false));

        Assert.Contains("GenerateDevelopmentKey", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreadable_key_is_refused_at_start_up_naming_its_configuration_path()
    {
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => AuthApp.StartAsync(o => o.Keys.Add(new PowerSyncKeyOptions { Pem = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----" })));

        Assert.StartsWith("PowerSync:Auth:Keys:1: ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_with_two_sources_is_refused_at_start_up()
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => AuthApp.StartAsync(o => o.Keys[0].Pem = TestKeys.RsaA.ExportPrivateKeyPem()));

        Assert.Contains("exactly one of", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_signing_keys_need_a_signing_key_id()
    {
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => AuthApp.StartAsync(o => o.Keys.Add(TestKeys.Private(TestKeys.RsaB))));

        Assert.Contains("SigningKeyId", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_bind_from_configuration_with_key_files_relative_to_the_content_root()
    {
        var root = TempFolder.Create();
        PowerSyncKeyFile.Save(TestKeys.Ec, Path.Combine(root, "keys", "ec.json"));
        await using var app = await TestApp.StartAsync(
            contentRoot: root,
            configure: builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["PowerSync:Auth:Audiences:0"] = "aud-1",
                ["PowerSync:Auth:Audiences:1"] = "aud-2",
                ["PowerSync:Auth:TokenLifetime"] = "00:10:00",
                ["PowerSync:Auth:PowerSyncUrl"] = "http://localhost:8080",
                ["PowerSync:Auth:Issuer"] = "sample",
                ["PowerSync:Auth:Keys:0:JwkFile"] = "keys/ec.json",
                ["PowerSync:Auth:Keys:1:Pem"] = TestKeys.RsaB.ExportPublicKeyPem(),
                ["PowerSync:Auth:Keys:1:KeyId"] = "rsa-b",
            }),
            services: s => s.AddPowerSyncAuth());

        var options = app.Services.GetRequiredService<IOptions<PowerSyncAuthOptions>>().Value;
        var token = await app.Services.GetRequiredService<IPowerSyncTokenIssuer>().IssueTokenAsync("alice");

        Assert.Equal(["aud-1", "aud-2"], options.Audiences);
        Assert.Equal(new Uri("http://localhost:8080"), options.PowerSyncUrl);
        Assert.Equal("ec-1", token.KeyId);
        Assert.Equal(600, (token.ExpiresAt - token.IssuedAt).TotalSeconds);
        Assert.Equal("sample", Jwt.Payload(token.Token).GetProperty("iss").GetString());
        Assert.Equal(["ec-1", "rsa-b"], app.Services.GetRequiredService<PowerSyncKeyRing>().Keys.Select(k => k.KeyId));
    }

    [Fact]
    public async Task Options_bind_from_environment_variables()
    {
        var prefix = $"PSTEST_{Guid.NewGuid():N}_";
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [prefix + "PowerSync__Auth__Audiences__0"] = "from-env",
            [prefix + "PowerSync__Auth__Keys__0__Jwk"] = TestKeys.RsaA.ToPrivateJwkJson(),
        };
        foreach (var (name, value) in variables)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        try
        {
            await using var app = await TestApp.StartAsync(
                configure: builder => builder.Configuration.AddEnvironmentVariables(prefix),
                services: s => s.AddPowerSyncAuth(),
                map: app => app.MapPowerSyncAuth());

            using var response = await app.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/auth/token") { Headers = { { TestApp.UserHeader, "alice" } } });

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("from-env", Jwt.Payload((await response.JsonAsync()).GetProperty("token").GetString()!).GetProperty("aud").GetString());
        }
        finally
        {
            foreach (var name in variables.Keys)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }

    [Fact]
    public async Task Code_configuration_applies_after_configuration_binding()
    {
        await using var app = await TestApp.StartAsync(
            configure: builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["PowerSync:Auth:Audiences:0"] = "from-config",
                ["PowerSync:Auth:TokenLifetime"] = "00:10:00",
            }),
            services: s => s.AddPowerSyncAuth(o =>
            {
                o.TokenLifetime = TimeSpan.FromMinutes(2);
                o.Keys.Add(TestKeys.Private(TestKeys.RsaA));
            }));

        var options = app.Services.GetRequiredService<IOptions<PowerSyncAuthOptions>>().Value;

        Assert.Equal(TimeSpan.FromMinutes(2), options.TokenLifetime);
        Assert.Equal(["from-config"], options.Audiences);
    }

    [Fact]
    public async Task A_key_ring_registered_by_the_app_replaces_configured_keys()
    {
        await using var app = await TestApp.StartAsync(services: s =>
        {
            s.AddSingleton(new PowerSyncKeyRing([TestKeys.Ec]));
            s.AddPowerSyncAuth(o => o.Audiences.Add("a"));
        });

        var token = await app.Services.GetRequiredService<IPowerSyncTokenIssuer>().IssueTokenAsync("alice");

        Assert.Equal("ec-1", token.KeyId);
    }

    [Fact]
    public async Task Mapping_auth_endpoints_without_the_services_fails_with_a_clear_message()
    {
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => TestApp.StartAsync(map: app => app.MapPowerSyncAuth()));

        Assert.Contains("AddPowerSyncAuth", exception.Message, StringComparison.Ordinal);
    }
}
