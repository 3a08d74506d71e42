using System.Globalization;
using System.Numerics;

namespace PowerSync.Backend.Mongo.Bson;

/// <summary>
/// Prints doubles the way canonical Extended JSON does (as MongoDB's JavaScript <c>bson</c> package prints
/// them): whole numbers with <c>toFixed(1)</c>, others with ECMAScript's <c>Number.prototype.toString</c>.
/// </summary>
internal static class JsNumber
{
    /// <summary>The <c>$numberDouble</c> string of a double.</summary>
    public static string ToCanonicalExtendedJson(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        // toFixed(1) of a whole number below 1e21 prints its exact integer value.
        return Math.Floor(value) == value && Math.Abs(value) < 1e21
            ? new BigInteger(value).ToString(CultureInfo.InvariantCulture) + ".0"
            : ToEcmaScriptString(value);
    }

    /// <summary>ECMAScript's Number::toString(x) for any finite double (a plain JSON number).</summary>
    public static string ToEcmaScriptStringOrZero(double value) => value == 0 ? "0" : ToEcmaScriptString(value);

    /// <summary>ECMAScript's Number::toString(x) for a finite, non-zero double.</summary>
    public static string ToEcmaScriptString(double value)
    {
        // .NET prints the shortest round-trip digits, which is what ECMAScript chooses too; only the layout differs.
        var text = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = text.IndexOfAny(['E', 'e']);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(text[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? mantissa : mantissa[..point] + mantissa[(point + 1)..];
        var n = (point < 0 ? mantissa.Length : point) + exponent;
        var leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        n -= leading;
        var k = digits.Length;
        var sign = value < 0 ? "-" : string.Empty;
        if (k <= n && n <= 21)
        {
            return sign + digits + new string('0', n - k);
        }

        if (0 < n && n <= 21)
        {
            return sign + digits[..n] + "." + digits[n..];
        }

        if (-6 < n && n <= 0)
        {
            return sign + "0." + new string('0', -n) + digits;
        }

        var e = n - 1;
        var exponentText = (e >= 0 ? "+" : "-") + Math.Abs(e).ToString(CultureInfo.InvariantCulture);
        return sign + (k == 1 ? digits : digits[..1] + "." + digits[1..]) + "e" + exponentText;
    }
}
