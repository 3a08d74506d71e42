using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace PowerSync.Backend.AspNetCore.Tests.Infrastructure;

/// <summary>Reads and forges compact JWTs by hand, independently of the code under test.</summary>
public static class Jwt
{
    public static JsonElement Header(string token) => Part(token, 0);

    public static JsonElement Payload(string token) => Part(token, 1);

    /// <summary>A token with the given header and payload JSON and a raw signature segment.</summary>
    public static string Compose(string headerJson, string payloadJson, string signature = "") =>
        $"{Base64UrlEncoder.Encode(headerJson)}.{Base64UrlEncoder.Encode(payloadJson)}.{signature}";

    /// <summary>The same token with its payload replaced (the signature no longer matches).</summary>
    public static string Tamper(string token, Func<string, string> changePayload)
    {
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]));
        return $"{parts[0]}.{Base64UrlEncoder.Encode(changePayload(payload))}.{parts[2]}";
    }

    private static JsonElement Part(string token, int index)
    {
        using var document = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(token.Split('.')[index]));
        return document.RootElement.Clone();
    }
}
