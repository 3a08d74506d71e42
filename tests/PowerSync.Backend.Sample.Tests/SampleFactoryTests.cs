using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PowerSync.Backend.Sample.Tests.Infrastructure;

namespace PowerSync.Backend.Sample.Tests;

/// <summary>The sample's real entry point hosted by <see cref="WebApplicationFactory{TEntryPoint}"/>, over PostgreSQL.</summary>
public sealed class SampleFactoryTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private WebApplicationFactory<Program> _factory = null!;
    private string _keyPath = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _keyPath = Path.Combine(Path.GetTempPath(), "powersync-factory-" + _database.Name + ".json");
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseEnvironment("Development")
            .UseSetting("ConnectionStrings:PowerSync", _database.ConnectionString)
            .UseSetting("PowerSync:Auth:DevelopmentKeyPath", _keyPath));
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _database.DisposeAsync();
        File.Delete(_keyPath);
    }

    [Fact]
    public async Task The_entry_point_serves_keys_tokens_and_uploads_and_refuses_anonymous_uploads()
    {
        using var client = _factory.CreateClient();

        using var keys = JsonDocument.Parse(await client.GetStringAsync("/api/auth/keys"));
        Assert.NotEmpty(keys.RootElement.GetProperty("keys").EnumerateArray());

        using var token = JsonDocument.Parse(await client.GetStringAsync("/api/auth/token?user_id=factory-user"));
        var jwt = token.RootElement.GetProperty("token").GetString();

        var list = Guid.NewGuid();
        var body = $$$"""{"transactions":[{"transaction_id":1,"crud":[{"op":"PUT","table":"lists","id":"{{{list}}}","op_data":{"name":"Factory"}}]}]}""";
        using var anonymous = await client.PostAsync("/api/data", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/data") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        request.Headers.Add("PowerSync-Client-Id", "factory-client");
        using var upload = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.Equal("""{"results":[{"status":"success"}]}""", await upload.Content.ReadAsStringAsync());
        Assert.Equal("factory-user", await _database.ScalarAsync<string>("SELECT owner_id FROM public.lists WHERE id = $1", list));
    }
}
