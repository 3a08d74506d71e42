using System.Globalization;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PowerSync.Backend.AspNetCore.Auth;
using PowerSync.Backend.AspNetCore.Keys;
using PowerSync.Backend.AspNetCore.Tokens;
using PowerSync.Backend.DevToken.CommandLine;

namespace PowerSync.Backend.DevToken.Commands;

/// <summary><c>token</c>: a signed PowerSync token for a user, from <see cref="PowerSyncTokenIssuer"/>.</summary>
internal sealed class TokenCommand : ICommand
{
    public const string DefaultAudience = "powersync";

    public string Name => "token";

    public string Summary => "Sign a development token for a user.";

    public string Help => $"""
        Usage: powersync-dev-token token --key <file> --user <id> [--audience <aud> ...] [--lifetime <seconds|5m|1h>]
                                         [--issuer <iss>] [--param <key=value> ...] [--verbose]

        Signs a PowerSync token with the key: header alg and kid; claims sub, aud, iat, exp, and iss and
        parameters when given. Prints only the token on standard output, so $(...) captures it.

        Options:
          --key <file>          The key file (private JWK or PEM, or an HS secret).
          --user <id>           The user id (sub): request.user_id() in Sync Rules, auth.user_id() in Sync Streams.
          --audience <aud>      The audience (aud); repeat for several; default: {DefaultAudience}.
          --lifetime <time>     exp - iat: seconds (300), minutes (5m) or hours (1h); default: 5m.
                                More than 86400 seconds (24h) is refused: the PowerSync Service rejects it.
          --issuer <iss>        The issuer (iss); default: none.
          --param <key=value>   A string in the token's parameters claim (token parameters for sync
                                rules); repeat for several.
          --verbose             Also print the decoded header and claims, on standard error.
          -h, --help            Show this help.

        Example:
          TOKEN=$(powersync-dev-token token --key powersync-dev-key.json --user user-1 --lifetime 1h)
        """;

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("key", OptionKind.Single, "file"),
        new("user", OptionKind.Single, "id"),
        new("audience", OptionKind.Repeated, "aud"),
        new("lifetime", OptionKind.Single, "seconds|5m|1h"),
        new("issuer", OptionKind.Single, "iss"),
        new("param", OptionKind.Repeated, "key=value"),
        new("verbose", OptionKind.Flag),
    ];

    public async ValueTask<int> ExecuteAsync(ParsedArguments arguments, ToolConsole console, CancellationToken cancellationToken)
    {
        var path = arguments.Required("key");
        var request = new PowerSyncTokenRequest(arguments.Required("user"));
        var lifetime = arguments.Value("lifetime") is { } text ? TokenLifetime.Parse(text) : TokenLifetime.Default;
        request.Lifetime = lifetime;
        foreach (var parameter in arguments.Values("param"))
        {
            var (name, value) = Parameter(parameter);
            if (!request.Parameters.TryAdd(name, value))
            {
                throw new UsageException($"option '--param' gives '{name}' twice.");
            }
        }

        var options = new PowerSyncAuthOptions { Issuer = arguments.Value("issuer"), TokenLifetime = lifetime };
        var audiences = arguments.Values("audience");
        foreach (var audience in audiences.Count > 0 ? audiences : [DefaultAudience])
        {
            options.Audiences.Add(audience);
        }

        var key = KeyFileLoader.Load(path, console);
        if (!key.CanSign)
        {
            throw new ToolException($"'{path}' holds only the public key '{key.KeyId}'; signing needs the private key.");
        }

        var issuer = new PowerSyncTokenIssuer(new PowerSyncKeyRing([key]), options);
        var token = await issuer.IssueTokenAsync(request, cancellationToken);
        console.Out.WriteLine(token.Token);
        if (arguments.Has("verbose"))
        {
            var jwt = new JsonWebToken(token.Token);
            console.Note("header: " + JsonText.Indent(Base64UrlEncoder.Decode(jwt.EncodedHeader)));
            console.Note("claims: " + JsonText.Indent(Base64UrlEncoder.Decode(jwt.EncodedPayload)));
            console.Note(string.Create(CultureInfo.InvariantCulture, $"expires: {token.ExpiresAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} (exp - iat = {lifetime.TotalSeconds:0} s)"));
        }

        return ExitCodes.Success;
    }

    private static (string Name, string Value) Parameter(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals > 0
            ? (text[..equals], text[(equals + 1)..])
            : throw new UsageException($"option '--param' has '{text}'; give key=value.");
    }
}
