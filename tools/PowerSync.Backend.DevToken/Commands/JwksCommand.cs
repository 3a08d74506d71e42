using PowerSync.Backend.AspNetCore.Keys;
using PowerSync.Backend.DevToken.CommandLine;

namespace PowerSync.Backend.DevToken.Commands;

/// <summary><c>jwks</c>: the JWKS document with the key's public half; HS keys are refused, never published.</summary>
internal sealed class JwksCommand : ICommand
{
    public string Name => "jwks";

    public string Summary => "Print the JWKS (public key only) for the PowerSync Service to fetch.";

    public string Help => """
        Usage: powersync-dev-token jwks --key <file>

        Prints the JWKS document {"keys":[...]} holding the key's public half, for the PowerSync Service to
        fetch from client_auth.jwks_uri: kty, kid, alg, use and n/e (RSA) or crv/x/y (EC). Private members
        are never printed. HS keys are shared secrets and never published: use 'config' for those.

        Options:
          --key <file>   The key file: a JWK (as generate-key writes it) or a PEM key.
          -h, --help     Show this help.

        Example:
          powersync-dev-token jwks --key powersync-dev-key.json > wwwroot/jwks.json
        """;

    public IReadOnlyList<OptionSpec> Options { get; } = [new("key", OptionKind.Single, "file")];

    public ValueTask<int> ExecuteAsync(ParsedArguments arguments, ToolConsole console, CancellationToken cancellationToken)
    {
        var path = arguments.Required("key");
        var key = KeyFileLoader.Load(path, console);
        if (key.IsSymmetric)
        {
            throw new ToolException(
                $"'{path}' holds an {key.Algorithm} shared secret, which is never published in a JWKS; "
                + $"the PowerSync Service takes it inline instead: powersync-dev-token config --key {path} --audience <aud>");
        }

        console.Out.WriteLine(JsonText.Indent(new PowerSyncKeyRing([key]).ToJwksJson()));
        return ValueTask.FromResult(ExitCodes.Success);
    }
}
