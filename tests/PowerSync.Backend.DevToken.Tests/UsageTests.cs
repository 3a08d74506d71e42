namespace PowerSync.Backend.DevToken.Tests;

public sealed class UsageTests
{
    [Fact]
    public async Task No_command_prints_the_usage_on_standard_error_with_exit_code_2()
    {
        var run = await DevTokenRun.RunAsync();

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        Assert.StartsWith("Usage: powersync-dev-token <command> [options]", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Help_lists_every_command(string help)
    {
        var run = (await DevTokenRun.RunAsync(help)).Succeeded();

        foreach (var command in new[] { "generate-key", "jwks", "config", "token" })
        {
            Assert.Contains($"\n  {command} ", run.Out, StringComparison.Ordinal);
        }

        Assert.Equal(string.Empty, run.Error);
    }

    [Theory]
    [InlineData("generate-key", "--alg RS256|ES256|HS256")]
    [InlineData("jwks", "--key <file>")]
    [InlineData("config", "--jwks-uri <url>")]
    [InlineData("token", "--lifetime <seconds|5m|1h>")]
    public async Task Every_command_has_help(string command, string option)
    {
        // --help wins over anything else on the line, even missing or unknown options.
        foreach (var args in new[] { new[] { command, "--help" }, [command, "-h"], ["help", command], [command, "--bogus", "--help"] })
        {
            var run = (await DevTokenRun.RunAsync(args)).Succeeded();

            Assert.StartsWith($"Usage: powersync-dev-token {command} ", run.Out, StringComparison.Ordinal);
            Assert.Contains(option, run.Out, StringComparison.Ordinal);
            Assert.Contains("-h, --help", run.Out, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("sign")]
    [InlineData("--key")]
    public async Task An_unknown_command_is_bad_usage(string command)
    {
        var run = await DevTokenRun.RunAsync(command, "--key", "k.json");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"powersync-dev-token: unknown command '{command}'.", run.Error, StringComparison.Ordinal);
        Assert.Contains("Usage: powersync-dev-token <command> [options]", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_for_an_unknown_command_is_bad_usage()
    {
        var run = await DevTokenRun.RunAsync("help", "sign");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("powersync-dev-token: unknown command 'sign'.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_usage_names_the_command_and_shows_its_usage_lines()
    {
        var run = await DevTokenRun.RunAsync("token", "--user", "u");

        Assert.Equal(
            "powersync-dev-token token: option '--key' is required.\n"
            + "Usage: powersync-dev-token token --key <file> --user <id> [--audience <aud> ...] [--lifetime <seconds|5m|1h>]\n"
            + "                                 [--issuer <iss>] [--param <key=value> ...] [--verbose]\n"
            + "Run 'powersync-dev-token token --help' for details.\n",
            run.Error.ReplaceLineEndings("\n"));
    }
}
