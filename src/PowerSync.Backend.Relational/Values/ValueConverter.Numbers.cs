using System.Globalization;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Relational.Schema;

namespace PowerSync.Backend.Relational.Values;

/// <summary>Integers (range checked), exact decimals (every digit kept) and floats.</summary>
internal sealed partial class ValueConverter
{
    private static string? ToInteger(CrudValue value, IntegerRange range)
    {
        Int128 number;
        switch (value.Kind)
        {
            case CrudValueKind.Integer:
                number = value.AsInteger();
                break;
            case CrudValueKind.Boolean:
                number = value.AsBoolean() ? 1 : 0;
                break;
            case CrudValueKind.Real when Math.Floor(value.AsReal()) == value.AsReal() && value.AsReal() >= (double)range.Min && value.AsReal() <= (double)range.Max:
                number = (Int128)value.AsReal();
                break;
            case CrudValueKind.Text when Int128.TryParse(value.AsText(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed):
                number = parsed;
                break;
            default:
                return null;
        }

        return range.Contains(number) ? number.ToString(CultureInfo.InvariantCulture) : null;
    }

    private static string? ToDecimal(CrudValue value) => value.Kind switch
    {
        CrudValueKind.Integer => value.AsInteger().ToString(CultureInfo.InvariantCulture),
        CrudValueKind.Real => value.AsReal().ToString("R", CultureInfo.InvariantCulture),
        // Text keeps every digit the client sent: decimal columns hold more precision than double or System.Decimal.
        CrudValueKind.Text when IsDecimalLiteral(value.AsText().Trim()) => value.AsText().Trim(),
        _ => null,
    };

    private static string? ToFloat(CrudValue value) => value.Kind switch
    {
        CrudValueKind.Integer => value.AsInteger().ToString(CultureInfo.InvariantCulture),
        CrudValueKind.Real => value.AsReal().ToString("R", CultureInfo.InvariantCulture),
        CrudValueKind.Text when double.TryParse(value.AsText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number.ToString("R", CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>An optionally signed decimal literal with an optional exponent (<c>-1.5</c>, <c>.5</c>, <c>1e3</c>).</summary>
    private static bool IsDecimalLiteral(string text)
    {
        var i = text.Length > 0 && text[0] is '-' or '+' ? 1 : 0;
        var digits = 0;
        var dot = false;
        for (; i < text.Length; i++)
        {
            if (char.IsAsciiDigit(text[i]))
            {
                digits++;
            }
            else if (text[i] == '.' && !dot)
            {
                dot = true;
            }
            else
            {
                break;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            i += i < text.Length && text[i] is '-' or '+' ? 1 : 0;
            var exponent = 0;
            for (; i < text.Length && char.IsAsciiDigit(text[i]); i++)
            {
                exponent++;
            }

            return exponent > 0 && i == text.Length;
        }

        return i == text.Length;
    }
}
