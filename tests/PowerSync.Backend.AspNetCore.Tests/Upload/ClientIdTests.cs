using System.Net;
using PowerSync.Backend.AspNetCore.Tests.Infrastructure;
using PowerSync.Backend.Core.Idempotency;
using static PowerSync.Backend.AspNetCore.Tests.Infrastructure.Bodies;

namespace PowerSync.Backend.AspNetCore.Tests.Upload;

/// <summary>The PowerSync client id: header or body, and the exactly-once ledger it keys.</summary>
public sealed class ClientIdTests
{
    [Fact]
    public async Task Client_id_header_keys_the_ledger_so_a_resent_upload_is_applied_once()
    {
        await using var app = await UploadApp.StartAsync();

        using var first = await app.SendAsync(OnePut("t1", transactionId: 4), clientId: "client-1");
        using var again = await app.SendAsync(OnePut("t1", transactionId: 4), clientId: "client-1");

        Assert.Equal(["success"], (await again.JsonAsync()).Statuses());
        var applied = Assert.Single(app.Store.Applied);
        Assert.Equal("client-1", applied.ClientId);
        Assert.Equal(4, app.Store.PositionOf(new ClientKey("alice", "client-1")).LastTransactionId);
    }

    [Fact]
    public async Task Client_id_body_field_is_used_without_the_header()
    {
        await using var app = await UploadApp.StartAsync();

        using var response = await app.SendAsync($$"""{"client_id":"body-client","transactions":[{{Transaction(2, Put("t1"))}}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("body-client", Assert.Single(app.Store.Applied).ClientId);
    }

    [Fact]
    public async Task Client_id_header_wins_over_the_body_field()
    {
        await using var app = await UploadApp.StartAsync();

        using var response = await app.SendAsync($$"""{"client_id":"body-client","transactions":[{{Transaction(2, Put("t1"))}}]}""", clientId: "header-client");

        Assert.Equal("header-client", Assert.Single(app.Store.Applied).ClientId);
    }

    [Fact]
    public async Task Without_a_client_id_every_upload_is_applied_again()
    {
        await using var app = await UploadApp.StartAsync();

        using var first = await app.SendAsync(OnePut("t1"));
        using var again = await app.SendAsync(OnePut("t1"));

        Assert.Equal(2, app.Store.Applied.Count);
        Assert.All(app.Store.Applied, a => Assert.Null(a.ClientId));
    }

    [Fact]
    public async Task Client_id_header_name_is_configurable()
    {
        await using var app = await UploadApp.StartAsync(upload: o => o.ClientIdHeader = "X-Client");
        using var request = new HttpRequestMessage(HttpMethod.Post, UploadApp.Path) { Content = new StringContent(OnePut()) };
        request.Headers.Add(TestApp.UserHeader, "alice");
        request.Headers.Add("X-Client", "custom");

        using var response = await app.Client.SendAsync(request);

        Assert.Equal("custom", Assert.Single(app.Store.Applied).ClientId);
    }
}
