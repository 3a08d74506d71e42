using System.Diagnostics;

namespace PowerSync.Backend.Mongo.Tests;

/// <summary>
/// Every golden command document goes through MongoDB's own <c>bson</c> npm package (tools/ejson-check): canonical
/// Extended JSON → BSON bytes → Extended JSON must give the document back. Fails, never skips, when node or the
/// package is missing: <c>scripts/test.sh</c> installs it with <c>npm ci --prefix tools/ejson-check</c>.
/// </summary>
public sealed class MongoExtendedJsonCheckTests
{
    [Fact]
    public async Task Every_golden_command_document_round_trips_through_the_bson_package()
    {
        var documents = Golden.All().ToList();
        Assert.True(documents.Count > 0, "no golden documents found next to the tests");

        var (exitCode, output) = await CheckAsync(documents.Select(d => d.Document));

        var failures = output.Split('\n').Where(l => l.StartsWith("FAIL", StringComparison.Ordinal))
            .Select(l => l + " ← " + documents[int.Parse(l.Split(' ', ':')[1], System.Globalization.CultureInfo.InvariantCulture) - 1].File).ToList();
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Contains($"{documents.Count} passed, 0 failed", output, StringComparison.Ordinal);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task The_check_refuses_a_document_whose_types_would_change()
    {
        // {"$numberDouble": "2"} comes back as "2.0": the checker must see that it is not canonical.
        var (exitCode, output) = await CheckAsync(["{\"a\":{\"$numberDouble\":\"2\"}}", "{\"a\":{\"$numberInt\":\"2\"}}"]);

        Assert.Contains("FAIL 1", output, StringComparison.Ordinal);
        Assert.Contains("ok 2", output, StringComparison.Ordinal);
        Assert.Equal(1, exitCode);
    }

    private static async Task<(int ExitCode, string Output)> CheckAsync(IEnumerable<string> lines)
    {
        var tool = Path.Combine(RepositoryRoot.Path, "tools", "ejson-check");
        Assert.True(
            File.Exists(Path.Combine(tool, "node_modules", "bson", "package.json")),
            "tools/ejson-check/node_modules is missing: run `npm ci --prefix tools/ejson-check` (scripts/test.sh does)");
        var start = new ProcessStartInfo("node", "check.mjs")
        {
            WorkingDirectory = tool,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        foreach (var line in lines)
        {
            await process.StandardInput.WriteLineAsync(line);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(await error is "", "node wrote to stderr: " + await error);
        return (process.ExitCode, await output);
    }
}
