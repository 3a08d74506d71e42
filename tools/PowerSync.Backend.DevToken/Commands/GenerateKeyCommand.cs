using PowerSync.Backend.AspNetCore.Keys;
using PowerSync.Backend.DevToken.CommandLine;

namespace PowerSync.Backend.DevToken.Commands;

/// <summary><c>generate-key</c>: a new key pair (or HS secret), saved as a private JWK file with mode 600.</summary>
internal sealed class GenerateKeyCommand : ICommand
{
    public const string DefaultFile = "powersync-dev-key.json";

    // What PowerSyncKey.Generate supports; checked here so that a typo is a usage error naming the choices.
    private static readonly string[] Algorithms = ["RS256", "ES256", "HS256", "RS384", "RS512", "ES384", "ES512", "HS384", "HS512"];

    public string Name => "generate-key";

    public string Summary => "Generate a signing key (RS256, ES256 or HS256) and save it to a file (mode 600).";

    public string Help => $"""
        Usage: powersync-dev-token generate-key [--alg RS256|ES256|HS256] [--kid <kid>] [--out <file>] [--force]

        Generates a key for signing PowerSync tokens and saves it as a JWK file that only you can read
        (mode 600). Prints the key id (kid) on standard output.

        Options:
          --alg <alg>    RS256 (default), ES256 or HS256; also RS384, RS512, ES384, ES512, HS384, HS512.
                         HS keys are shared secrets the PowerSync Service must hold too: development only.
          --kid <kid>    The key id; default: the key's RFC 7638 JWK thumbprint.
          --out <file>   Where to save the key; default: {DefaultFile}.
          --force        Replace the file if it exists (tokens signed with the old key stop validating).
          -h, --help     Show this help.

        Example:
          powersync-dev-token generate-key --alg ES256 --out .powersync/dev-key.json
        """;

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("alg", OptionKind.Single, "alg"),
        new("kid", OptionKind.Single, "kid"),
        new("out", OptionKind.Single, "file"),
        new("force", OptionKind.Flag),
    ];

    public ValueTask<int> ExecuteAsync(ParsedArguments arguments, ToolConsole console, CancellationToken cancellationToken)
    {
        var algorithm = (arguments.Value("alg") ?? Algorithms[0]).ToUpperInvariant();
        if (!Algorithms.Contains(algorithm, StringComparer.Ordinal))
        {
            throw new UsageException($"option '--alg' has '{arguments.Value("alg")}'; use RS256, ES256 or HS256 (or {string.Join(", ", Algorithms[3..])}).");
        }

        var path = arguments.Value("out") ?? DefaultFile;
        var force = arguments.Has("force");
        if (!force && File.Exists(path))
        {
            throw new ToolException($"'{path}' already exists; give another --out, or --force to replace it (tokens signed with the old key stop validating).");
        }

        var key = PowerSyncKey.Generate(algorithm, arguments.Value("kid"));
        try
        {
            PowerSyncKeyFile.Save(key, path, overwrite: force);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ToolException($"cannot write '{path}': {exception.Message}", exception);
        }

        console.Out.WriteLine(key.KeyId);
        console.Note($"Saved {key.Algorithm} key '{key.KeyId}' to {Path.GetFullPath(path)} (mode 600). Keep it out of source control.");
        if (key.IsSymmetric)
        {
            console.Warn($"{key.Algorithm} keys are shared secrets, for development only: the PowerSync Service config must hold the same secret.");
        }

        console.Note($"Next: powersync-dev-token config --key {path} --audience <aud>");
        return ValueTask.FromResult(ExitCodes.Success);
    }
}
