using System.Net;
using PowerSync.Backend.Sample.Tests.Infrastructure;

namespace PowerSync.Backend.Sample.Tests;

public sealed class SampleStartupTests
{
    [Fact]
    public async Task Starting_again_keeps_the_tables_in_public_even_when_the_ledger_schema_shares_the_roles_name()
    {
        // The test role is usually `powersync`, so the default search_path ("$user", public) finds the ledger's
        // `powersync` schema first once the first upload created it: a restart must still use public's tables.
        await using var database = await TestDatabase.CreateAsync();
        var list = Guid.NewGuid();
        await using (var first = await SampleServer.StartAsync(database: database))
        {
            var (status, _) = await first.UploadAsync(await first.TokenAsync("u1"), Uploads.Transaction(1, Uploads.Put("lists", list, new { name = "kept" })));
            Assert.Equal(200, status);
        }

        await using var second = await SampleServer.StartAsync(database: database);
        var (_, body) = await second.UploadAsync(await second.TokenAsync("u2"), Uploads.Transaction(1, Uploads.Put("todos", Guid.NewGuid(), new { description = "x", list_id = list, completed = 0 })));

        Assert.Equal(["UNAUTHORIZED"], Uploads.Outcomes(body));
        Assert.Equal("kept", await database.ScalarAsync<string>("SELECT name FROM public.lists WHERE id = $1", list));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'powersync' AND table_name IN ('lists', 'todos')"));
    }

    [Fact]
    public async Task Without_development_mode_anonymous_token_requests_get_401()
    {
        await using var server = await SampleServer.StartAsync(developmentMode: false);
        using var response = await server.GetAsync("/api/auth/token?user_id=u1");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public void Without_a_connection_string_the_app_says_how_to_configure_one()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => SampleApp.Build(["--environment=Testing", "--ConnectionStrings:PowerSync="]));
        Assert.Contains("ConnectionStrings__PowerSync", exception.Message, StringComparison.Ordinal);
    }
}
