namespace PowerSync.Backend.DevToken.Tests;

/// <summary>A directory of its own for each test, removed afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "powersync-dev-token-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Generates a key with the tool and returns its file.</summary>
    public async Task<string> KeyAsync(string algorithm, string name = "key.json", string? kid = null)
    {
        var path = File(name);
        string[] args = kid is null
            ? ["generate-key", "--alg", algorithm, "--out", path]
            : ["generate-key", "--alg", algorithm, "--out", path, "--kid", kid];
        (await DevTokenRun.RunAsync(args)).Succeeded();
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
