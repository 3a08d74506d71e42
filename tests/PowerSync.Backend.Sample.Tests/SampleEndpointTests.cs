using System.Net;
using PowerSync.Backend.Sample.Tests.Infrastructure;
using static PowerSync.Backend.Sample.Tests.Infrastructure.Uploads;

namespace PowerSync.Backend.Sample.Tests;

/// <summary>The sample's endpoints over PostgreSQL, on real Kestrel.</summary>
public sealed class SampleEndpointTests : IClassFixture<SampleServerFixture>
{
    private readonly SampleServer _server;

    public SampleEndpointTests(SampleServerFixture fixture) => _server = fixture.Server;

    private static string NewUser() => "user-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Health_is_healthy_when_the_database_answers()
    {
        using var response = await _server.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Upload_without_a_token_is_401()
    {
        var (status, _) = await _server.UploadAsync(token: null, Transaction(1, Put("lists", Guid.NewGuid(), new { name = "x" })));
        Assert.Equal(401, status);
    }

    [Fact]
    public async Task Upload_with_an_issued_token_applies_a_list_owned_by_the_user_whatever_the_client_says()
    {
        var user = NewUser();
        var list = Guid.NewGuid();
        var (status, body) = await _server.UploadAsync(await _server.TokenAsync(user), Transaction(1, Put("lists", list, new { name = "Groceries", owner_id = "someone-else" })));

        Assert.Equal(200, status);
        Assert.Equal(["success"], Outcomes(body));
        Assert.Equal(user, await _server.Database.ScalarAsync<string>("SELECT owner_id FROM public.lists WHERE id = $1", list));
    }

    [Fact]
    public async Task Writing_another_users_list_is_a_fatal_UNAUTHORIZED_result_and_changes_nothing()
    {
        var list = Guid.NewGuid();
        await _server.UploadAsync(await _server.TokenAsync(NewUser()), Transaction(1, Put("lists", list, new { name = "Mine" })));

        var (status, body) = await _server.UploadAsync(await _server.TokenAsync(NewUser()), Transaction(1, Patch("lists", list, new { name = "Yours now" })), clientId: "intruder");

        Assert.Equal(200, status); // refusals are processed results, never 4xx: the client's queue must move on
        Assert.Equal(["UNAUTHORIZED"], Outcomes(body));
        Assert.Equal("Mine", await _server.Database.ScalarAsync<string>("SELECT name FROM public.lists WHERE id = $1", list));
        Assert.Equal(1L, await _server.Database.ScalarAsync<long>("SELECT count(*) FROM powersync.dead_letters WHERE client_id = 'intruder'"));
    }

    [Fact]
    public async Task A_todo_in_another_users_list_is_UNAUTHORIZED()
    {
        var list = Guid.NewGuid();
        await _server.UploadAsync(await _server.TokenAsync(NewUser()), Transaction(1, Put("lists", list, new { name = "Mine" })));

        var todo = Put("todos", Guid.NewGuid(), new { description = "sneaky", list_id = list, completed = 0 });
        var (_, body) = await _server.UploadAsync(await _server.TokenAsync(NewUser()), Transaction(1, todo));

        Assert.Equal(["UNAUTHORIZED"], Outcomes(body));
    }

    [Fact]
    public async Task A_list_and_its_todos_created_in_one_transaction_are_applied_together()
    {
        var list = Guid.NewGuid();
        var body = Transaction(
            1,
            Put("lists", list, new { name = "Trip" }),
            Put("todos", Guid.NewGuid(), new { description = "Passport", list_id = list, completed = 0 }),
            Put("todos", Guid.NewGuid(), new { description = "Tickets", list_id = list, completed = 1 }));

        var (_, answer) = await _server.UploadAsync(await _server.TokenAsync(NewUser()), body);

        Assert.Equal(["success"], Outcomes(answer));
        Assert.Equal(2L, await _server.Database.ScalarAsync<long>("SELECT count(*) FROM public.todos WHERE list_id = $1", list));
    }

    [Fact]
    public async Task A_list_name_over_100_characters_is_VALIDATION_FAILED()
    {
        var (_, body) = await _server.UploadAsync(await _server.TokenAsync(NewUser()), Transaction(1, Put("lists", Guid.NewGuid(), new { name = new string('n', 101) })));
        Assert.Equal(["VALIDATION_FAILED"], Outcomes(body));
    }

    [Fact]
    public async Task Development_mode_gives_a_token_for_any_user_id()
    {
        using var response = await _server.GetAsync("/api/auth/token?user_id=u1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"token\"", await response.Content.ReadAsStringAsync(CancellationToken.None), StringComparison.Ordinal);
    }
}
