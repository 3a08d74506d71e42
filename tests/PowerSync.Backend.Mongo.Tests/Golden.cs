using System.Text;

namespace PowerSync.Backend.Mongo.Tests;

/// <summary>
/// Golden files: the exact command documents a scenario sends, one canonical Extended JSON document per line, in
/// <c>Golden/*.jsonl</c>. Set <c>POWERSYNC_UPDATE_GOLDEN=1</c> to rewrite them (then review the diff).
/// </summary>
internal static class Golden
{
    public static string SourceFolder => Path.Combine(RepositoryRoot.Path, "tests", "PowerSync.Backend.Mongo.Tests", "Golden");

    /// <summary>Every golden document of every file, as the output folder holds them.</summary>
    public static IEnumerable<(string File, string Document)> All() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Golden"), "*.jsonl").Order(StringComparer.Ordinal)
            .SelectMany(file => File.ReadAllLines(file).Where(l => l.Length > 0).Select(line => (Path.GetFileName(file), line)));

    /// <summary>Asserts that the commands equal the golden file's lines.</summary>
    public static void AssertCommands(string name, IEnumerable<MongoCommand> commands)
    {
        var actual = commands.Select(c => c.CanonicalJson).ToArray();
        if (Environment.GetEnvironmentVariable("POWERSYNC_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Path.Combine(SourceFolder, name + ".jsonl"), string.Join('\n', actual) + "\n", new UTF8Encoding(false));
            return;
        }

        var path = Path.Combine(AppContext.BaseDirectory, "Golden", name + ".jsonl");
        Assert.True(File.Exists(path), $"no golden file {name}.jsonl: run with POWERSYNC_UPDATE_GOLDEN=1 and review it");
        var expected = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        for (var i = 0; i < Math.Max(expected.Length, actual.Length); i++)
        {
            Assert.True(i < expected.Length && i < actual.Length && expected[i] == actual[i], $"{name}.jsonl line {i + 1}:\nexpected {(i < expected.Length ? expected[i] : "(nothing)")}\nactual   {(i < actual.Length ? actual[i] : "(nothing)")}");
        }
    }
}
