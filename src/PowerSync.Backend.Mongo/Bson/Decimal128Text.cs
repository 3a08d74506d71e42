using System.Globalization;
using System.Text;

namespace PowerSync.Backend.Mongo.Bson;

/// <summary>
/// Reads decimal text into a Decimal128 value (at most 34 significant digits, every digit kept, trailing zeros
/// included: <c>1.500</c> stays <c>1.500</c>) and prints it in the canonical form of the BSON Decimal128
/// specification, which is what <c>$numberDecimal</c> carries.
/// </summary>
internal static class Decimal128Text
{
    private const int MaxDigits = 34;
    private const int MinExponent = -6176;
    private const int MaxExponent = 6111;

    /// <summary>Parses <c>[+-]digits[.digits][(e|E)[+-]digits]</c>; returns the canonical string, or <see langword="null"/>.</summary>
    public static string? TryCanonicalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var i = 0;
        var negative = false;
        if (i < text.Length && text[i] is '+' or '-')
        {
            negative = text[i] == '-';
            i++;
        }

        var digits = new StringBuilder();
        var fractionDigits = 0;
        var seenPoint = false;
        var seenDigit = false;
        for (; i < text.Length && (char.IsAsciiDigit(text[i]) || (text[i] == '.' && !seenPoint)); i++)
        {
            if (text[i] == '.')
            {
                seenPoint = true;
                continue;
            }

            seenDigit = true;
            digits.Append(text[i]);
            fractionDigits += seenPoint ? 1 : 0;
        }

        if (!seenDigit)
        {
            return null;
        }

        long exponent = 0;
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            var exponentText = text[(i + 1)..];
            if (exponentText.Length is 0 or > 6 || !exponentText.TrimStart('+', '-').All(char.IsAsciiDigit) || exponentText.TrimStart('+', '-').Length == 0
                || exponentText.Length - exponentText.TrimStart('+', '-').Length > 1)
            {
                return null;
            }

            exponent = long.Parse(exponentText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            i = text.Length;
        }

        if (i != text.Length)
        {
            return null;
        }

        var coefficient = digits.ToString().TrimStart('0');
        coefficient = coefficient.Length == 0 ? "0" : coefficient;
        exponent -= fractionDigits;
        return coefficient.Length > MaxDigits || exponent is < MinExponent or > MaxExponent ? null : Format(negative, coefficient, (int)exponent);
    }

    private static string Format(bool negative, string digits, int exponent)
    {
        var sign = negative ? "-" : string.Empty;
        var adjusted = exponent + (digits.Length - 1);
        if (exponent <= 0 && adjusted >= -6)
        {
            if (exponent == 0)
            {
                return sign + digits;
            }

            var point = digits.Length + exponent;
            return point > 0
                ? sign + digits[..point] + "." + digits[point..]
                : sign + "0." + new string('0', -point) + digits;
        }

        var mantissa = digits.Length == 1 ? digits : digits[..1] + "." + digits[1..];
        return sign + mantissa + "E" + (adjusted >= 0 ? "+" : "-") + Math.Abs(adjusted).ToString(CultureInfo.InvariantCulture);
    }
}
