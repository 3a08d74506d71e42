using System.Text;
using System.Text.Json;

namespace PowerSync.Backend.AspNetCore.Keys;

/// <summary>Writes the <c>client_auth</c> section of the PowerSync Service's <c>config.yaml</c> for a key ring.</summary>
public static class PowerSyncServiceConfig
{
    /// <summary>
    /// Writes <c>client_auth</c>: <c>jwks_uri</c> when given, inline <c>jwks</c> keys for every shared secret
    /// (<c>kty: oct</c>; HS keys are never published) and, without a <c>jwks_uri</c>, for every public key too;
    /// then <c>audience</c>.
    /// </summary>
    /// <param name="keys">The keys.</param>
    /// <param name="audiences">The audiences the service accepts (the tokens' <c>aud</c>).</param>
    /// <param name="jwksUri">Where the service fetches the public keys (the backend's <c>/api/auth/keys</c>), if published.</param>
    /// <returns>The YAML text. It holds the secret of any HS key: treat it as a secret then.</returns>
    public static string ClientAuthYaml(PowerSyncKeyRing keys, IEnumerable<string> audiences, Uri? jwksUri = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(audiences);
        var yaml = new StringBuilder("client_auth:\n");
        if (jwksUri is not null)
        {
            yaml.Append("  jwks_uri: ").Append(Quote(jwksUri.AbsoluteUri)).Append('\n');
        }

        var inline = keys.Keys.Where(k => k.IsSymmetric || jwksUri is null).ToList();
        if (inline.Count > 0)
        {
            yaml.Append("  jwks:\n    keys:\n");
            foreach (var key in inline)
            {
                AppendKey(yaml, key);
            }
        }

        yaml.Append("  audience: [").AppendJoin(", ", audiences.Select(Quote)).Append("]\n");
        return yaml.ToString();
    }

    private static void AppendKey(StringBuilder yaml, PowerSyncKey key)
    {
        var prefix = "      - ";
        if (key.IsSymmetric)
        {
            foreach (var (name, value) in (ReadOnlySpan<(string, string)>)[("kty", "oct"), ("alg", key.Algorithm), ("kid", key.KeyId), ("k", key.SecretBase64Url)])
            {
                yaml.Append(prefix).Append(name).Append(": ").Append(Quote(value)).Append('\n');
                prefix = "        ";
            }

            return;
        }

        using var jwk = JsonDocument.Parse(key.ToPublicJwkJson());
        foreach (var member in jwk.RootElement.EnumerateObject())
        {
            yaml.Append(prefix).Append(member.Name).Append(": ").Append(Quote(member.Value.GetString()!)).Append('\n');
            prefix = "        ";
        }
    }

    // Single-quoted YAML scalars: nothing is special inside but the quote itself, which doubles.
    private static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
