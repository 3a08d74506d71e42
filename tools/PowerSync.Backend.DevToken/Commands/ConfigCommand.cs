using PowerSync.Backend.AspNetCore.Keys;
using PowerSync.Backend.DevToken.CommandLine;

namespace PowerSync.Backend.DevToken.Commands;

/// <summary><c>config</c>: the PowerSync Service's <c>client_auth</c> YAML for the key (JWKS URI, inline public JWK or inline HS secret).</summary>
internal sealed class ConfigCommand : ICommand
{
    public string Name => "config";

    public string Summary => "Print the client_auth section of the PowerSync Service's config.yaml.";

    public string Help => """
        Usage: powersync-dev-token config --key <file> --audience <aud> [--audience <aud> ...] [--jwks-uri <url>]

        Prints the client_auth section for the PowerSync Service's config.yaml.
          RS/ES keys with --jwks-uri: the service fetches the public key from that URL (serve the output of
            'jwks' there, or map the backend's GET /api/auth/keys with MapPowerSyncAuth()).
          RS/ES keys without it: the public key is written inline; nothing needs serving.
          HS keys: the secret itself is written inline (kty: oct). Development only; keep the output secret.

        Options:
          --key <file>       The key file: a JWK (as generate-key writes it) or a PEM key.
          --audience <aud>   An audience the service accepts (the tokens' aud); repeat for several.
          --jwks-uri <url>   The http(s) URL the service fetches the JWKS from (RS/ES keys only).
          -h, --help         Show this help.

        Example:
          powersync-dev-token config --key powersync-dev-key.json --audience powersync \
            --jwks-uri http://backend:6060/api/auth/keys >> config.yaml
        """;

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("key", OptionKind.Single, "file"),
        new("audience", OptionKind.Repeated, "aud"),
        new("jwks-uri", OptionKind.Single, "url"),
    ];

    public ValueTask<int> ExecuteAsync(ParsedArguments arguments, ToolConsole console, CancellationToken cancellationToken)
    {
        var path = arguments.Required("key");
        var audiences = arguments.Values("audience");
        if (audiences.Count == 0)
        {
            throw new UsageException("option '--audience' is required (the tokens' aud, such as powersync).");
        }

        var jwksUri = JwksUri(arguments.Value("jwks-uri"));
        var key = KeyFileLoader.Load(path, console);
        if (key.IsSymmetric && jwksUri is not null)
        {
            throw new UsageException($"option '--jwks-uri' does not apply to '{path}': {key.Algorithm} secrets are never published, the service takes them inline.");
        }

        var yaml = PowerSyncServiceConfig.ClientAuthYaml(new PowerSyncKeyRing([key]), audiences, jwksUri);
        if (key.IsSymmetric)
        {
            console.Out.WriteLine($"# {key.Algorithm} is for development only: the service and the backend share this secret. Keep this file private.");
            console.Warn($"{key.Algorithm} is for development only; use an RS256 or ES256 key (and a JWKS) in production. The output holds the secret.");
        }
        else if (jwksUri is not null)
        {
            console.Note($"The service fetches key '{key.KeyId}' from {jwksUri.AbsoluteUri}: serve 'powersync-dev-token jwks --key {path}' there.");
        }

        console.Out.Write(yaml);
        return ValueTask.FromResult(ExitCodes.Success);
    }

    private static Uri? JwksUri(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new UsageException($"option '--jwks-uri' has '{text}'; give an absolute http or https URL.");
    }
}
