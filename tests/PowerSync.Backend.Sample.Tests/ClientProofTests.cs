using Microsoft.Extensions.Logging;
using PowerSync.Backend.Sample.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PowerSync.Backend.Sample.Tests;

/// <summary>
/// The proof with the real client: tools/client-proof/proof.mjs drives @powersync/node clients against the sample on
/// real Kestrel and checks PostgreSQL (see that script for what it proves). scripts/test.sh installs its packages.
/// </summary>
public sealed class ClientProofTests
{
    private static readonly TimeSpan TimeLimit = TimeSpan.FromMinutes(3);
    private readonly ITestOutputHelper _output;

    public ClientProofTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Real_PowerSync_clients_upload_through_the_sample_exactly_once_and_bad_tokens_get_401()
    {
        var proof = Path.Combine(RepositoryRoot.Path, "tools", "client-proof");
        // Missing packages fail the test rather than skip it: the proof is part of the suite.
        Assert.True(
            File.Exists(Path.Combine(proof, "node_modules", "@powersync", "node", "package.json")),
            $"The proof's npm packages are not installed: run `npm ci --prefix tools/client-proof` (scripts/test.sh does it). Looked in {proof}.");

        await using var server = await SampleServer.StartAsync();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["POWERSYNC_PROOF_DATABASE"] = server.Database.ConnectionString,
            ["POWERSYNC_PROOF_AUDIENCE"] = SampleServer.Audience,
            ["POWERSYNC_PROOF_SIGNING_KEY"] = server.DevelopmentKeyPath,
        };
        var (exitCode, output) = await NodeScript.RunAsync(proof, ["proof.mjs", server.Url], environment, TimeLimit);
        _output.WriteLine(output);

        Assert.True(
            exitCode == 0,
            $"client-proof exited with {exitCode}:{Environment.NewLine}{output}{Environment.NewLine}--- server warnings and errors ---{Environment.NewLine}{server.Logs.Text(LogLevel.Warning)}");
        Assert.Matches(@"client-proof: \d+ checks passed", output);
    }
}
