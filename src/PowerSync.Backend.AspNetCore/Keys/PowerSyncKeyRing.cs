using System.Buffers;
using System.Text;
using System.Text.Json;

namespace PowerSync.Backend.AspNetCore.Keys;

/// <summary>
/// The keys a backend knows: every key that verifies tokens (published in the JWKS when asymmetric) and the one
/// active signing key. Several verification keys and one signer are what key rotation needs.
/// </summary>
/// <remarks>
/// Rotation: add the new key (its public half is published at once) while <see cref="SigningKey"/> stays the old
/// one; once the PowerSync Service has refreshed its JWKS cache (about 5 minutes), make the new key the signing
/// key; when every token signed with the old key has expired (its lifetime, at most 24 hours), remove the old key.
/// Register an instance in DI before <c>AddPowerSyncAuth()</c> to supply keys another way (a key vault, say).
/// </remarks>
public sealed class PowerSyncKeyRing
{
    private readonly Dictionary<string, PowerSyncKey> _byId;

    /// <summary>Creates a key ring.</summary>
    /// <param name="keys">The keys; at least one, with distinct key ids.</param>
    /// <param name="signingKeyId">
    /// The id of the key that signs new tokens. By default the one key that can sign; <see langword="null"/> with
    /// several keys that can sign is refused as ambiguous. A ring where no key can sign only verifies.
    /// </param>
    /// <exception cref="ArgumentException">No keys, duplicate key ids, or the signing key is unknown, cannot sign or is ambiguous.</exception>
    public PowerSyncKeyRing(IEnumerable<PowerSyncKey> keys, string? signingKeyId = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        Keys = [.. keys];
        if (Keys.Count == 0)
        {
            throw new ArgumentException("A key ring needs at least one key.", nameof(keys));
        }

        _byId = new Dictionary<string, PowerSyncKey>(StringComparer.Ordinal);
        foreach (var key in Keys)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(keys));
            if (!_byId.TryAdd(key.KeyId, key))
            {
                throw new ArgumentException($"Two keys have the key id '{key.KeyId}'; key ids must be unique.", nameof(keys));
            }
        }

        SigningKey = ChooseSigningKey(signingKeyId);
    }

    /// <summary>Every key, in the order given.</summary>
    public IReadOnlyList<PowerSyncKey> Keys { get; }

    /// <summary>The key that signs new tokens; <see langword="null"/> when the ring only verifies.</summary>
    public PowerSyncKey? SigningKey { get; }

    /// <summary>The keys whose public halves the JWKS publishes: every asymmetric key (shared secrets never are).</summary>
    public IEnumerable<PowerSyncKey> PublishedKeys => Keys.Where(k => !k.IsSymmetric);

    /// <summary>Finds a key by its id.</summary>
    /// <param name="keyId">The <c>kid</c>.</param>
    /// <returns>The key, or <see langword="null"/>.</returns>
    public PowerSyncKey? Find(string keyId)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        return _byId.GetValueOrDefault(keyId);
    }

    /// <summary>Writes the JWKS document <c>{"keys":[…]}</c> of the public halves of <see cref="PublishedKeys"/>.</summary>
    /// <param name="writer">The destination.</param>
    public void WriteJwks(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteStartArray("keys");
        foreach (var key in PublishedKeys)
        {
            key.WritePublicJwk(writer);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The JWKS document as UTF-8 JSON (see <see cref="WriteJwks"/>).</summary>
    /// <returns>The bytes.</returns>
    public byte[] ToJwksUtf8()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteJwks(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The JWKS document as JSON text (see <see cref="WriteJwks"/>).</summary>
    /// <returns>The JSON.</returns>
    public string ToJwksJson() => Encoding.UTF8.GetString(ToJwksUtf8());

    private PowerSyncKey? ChooseSigningKey(string? signingKeyId)
    {
        if (!string.IsNullOrEmpty(signingKeyId))
        {
            var key = Find(signingKeyId) ?? throw new ArgumentException($"The signing key '{signingKeyId}' is not among the keys ({string.Join(", ", _byId.Keys)}).", nameof(signingKeyId));
            return key.CanSign ? key : throw new ArgumentException($"The signing key '{signingKeyId}' is a public key; give its private key.", nameof(signingKeyId));
        }

        var signers = Keys.Where(k => k.CanSign).ToList();
        return signers.Count switch
        {
            0 => null,
            1 => signers[0],
            _ => throw new ArgumentException($"Several keys can sign ({string.Join(", ", signers.Select(k => k.KeyId))}); name the active one (SigningKeyId).", nameof(signingKeyId)),
        };
    }
}
