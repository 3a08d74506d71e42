using System.Globalization;
using System.Text.Json;
using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Relational.Values;

/// <summary>UUIDs, JSON, base64 bytes and plain text.</summary>
internal sealed partial class ValueConverter
{
    /// <summary>
    /// Canonical (lowercase) text passes as it is, the common case without allocation; other spellings are normalised,
    /// so that converted ids compare equal exactly when they name the same row.
    /// </summary>
    private static string? ToUuid(string text)
    {
        if (text.Length == 36)
        {
            var canonical = true;
            for (var i = 0; i < 36 && canonical; i++)
            {
                canonical = i is 8 or 13 or 18 or 23 ? text[i] == '-' : char.IsAsciiHexDigitLower(text[i]) || char.IsAsciiDigit(text[i]);
            }

            if (canonical)
            {
                return text;
            }
        }

        return Guid.TryParse(text, out var guid) ? guid.ToString("D") : null;
    }

    private static string? ToJson(CrudValue value)
    {
        switch (value.Kind)
        {
            case CrudValueKind.Json:
                return value.AsJson();
            case CrudValueKind.Integer or CrudValueKind.Real or CrudValueKind.Boolean:
                return value.ToString();
            case CrudValueKind.Text:
                // SQLite clients send JSON as text; it must parse.
                try
                {
                    using var document = JsonDocument.Parse(value.AsText());
                    return value.AsText();
                }
                catch (JsonException)
                {
                    return null;
                }

            default:
                return null;
        }
    }

    private string? ToBinary(CrudValue value)
    {
        if (value.Kind != CrudValueKind.Text)
        {
            return null;
        }

        var text = value.AsText();
        var bytes = new byte[text.Length * 3 / 4 + 3];
        return Convert.TryFromBase64String(text, bytes, out var length) ? _formatter.Binary(bytes.AsSpan(0, length)) : null;
    }

    /// <summary>Any scalar as text; a boolean is <c>true</c> or <c>false</c> whatever the dialect spells boolean columns with.</summary>
    private static string? ToText(CrudValue value) => value.Kind switch
    {
        CrudValueKind.Text => value.AsText(),
        CrudValueKind.Json => value.AsJson(),
        CrudValueKind.Integer => value.AsInteger().ToString(CultureInfo.InvariantCulture),
        CrudValueKind.Real => value.AsReal().ToString("R", CultureInfo.InvariantCulture),
        CrudValueKind.Boolean => value.AsBoolean() ? "true" : "false",
        _ => null,
    };
}
