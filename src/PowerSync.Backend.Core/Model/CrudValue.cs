using System.Globalization;

namespace PowerSync.Backend.Core.Model;

/// <summary>
/// One column value as a client sent it: the SQLite value types plus JSON booleans and nested JSON.
/// </summary>
/// <remarks>
/// A small struct rather than <see cref="object"/> so that parsing allocates only for text and the
/// providers can switch on <see cref="Kind"/> when they coerce to a column's type.
/// </remarks>
public readonly struct CrudValue : IEquatable<CrudValue>
{
    private readonly long _bits;
    private readonly string? _text;

    private CrudValue(CrudValueKind kind, long bits, string? text)
    {
        Kind = kind;
        _bits = bits;
        _text = text;
    }

    /// <summary>SQL NULL. This is also the <c>default</c> value of the struct.</summary>
    public static CrudValue Null => default;

    /// <summary>What the value holds.</summary>
    public CrudValueKind Kind { get; }

    /// <summary>Whether the value is SQL NULL.</summary>
    public bool IsNull => Kind == CrudValueKind.Null;

    /// <summary>Creates an integer value.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The value.</returns>
    public static CrudValue FromInteger(long value) => new(CrudValueKind.Integer, value, null);

    /// <summary>Creates a real value.</summary>
    /// <param name="value">A finite number.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The number is NaN or infinite (JSON cannot carry it).</exception>
    public static CrudValue FromReal(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A real value must be finite.");
        }

        return new(CrudValueKind.Real, BitConverter.DoubleToInt64Bits(value), null);
    }

    /// <summary>Creates a text value, or NULL when <paramref name="value"/> is null.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The value.</returns>
    public static CrudValue FromText(string? value) => value is null ? Null : new(CrudValueKind.Text, 0, value);

    /// <summary>Creates a boolean value.</summary>
    /// <param name="value">The flag.</param>
    /// <returns>The value.</returns>
    public static CrudValue FromBoolean(bool value) => new(CrudValueKind.Boolean, value ? 1 : 0, null);

    /// <summary>Creates a nested JSON value from its raw text (an object or an array).</summary>
    /// <param name="rawJson">The JSON text, already validated by the caller.</param>
    /// <returns>The value.</returns>
    public static CrudValue FromJson(string rawJson)
    {
        ArgumentException.ThrowIfNullOrEmpty(rawJson);
        return new(CrudValueKind.Json, 0, rawJson);
    }

    /// <summary>Gets the integer; throws unless <see cref="Kind"/> is <see cref="CrudValueKind.Integer"/>.</summary>
    /// <returns>The number.</returns>
    public long AsInteger() => Kind == CrudValueKind.Integer ? _bits : throw WrongKind(CrudValueKind.Integer);

    /// <summary>Gets the real; throws unless <see cref="Kind"/> is <see cref="CrudValueKind.Real"/>.</summary>
    /// <returns>The number.</returns>
    public double AsReal() => Kind == CrudValueKind.Real ? BitConverter.Int64BitsToDouble(_bits) : throw WrongKind(CrudValueKind.Real);

    /// <summary>Gets the text; throws unless <see cref="Kind"/> is <see cref="CrudValueKind.Text"/>.</summary>
    /// <returns>The text.</returns>
    public string AsText() => Kind == CrudValueKind.Text ? _text! : throw WrongKind(CrudValueKind.Text);

    /// <summary>Gets the flag; throws unless <see cref="Kind"/> is <see cref="CrudValueKind.Boolean"/>.</summary>
    /// <returns>The flag.</returns>
    public bool AsBoolean() => Kind == CrudValueKind.Boolean ? _bits != 0 : throw WrongKind(CrudValueKind.Boolean);

    /// <summary>Gets the raw JSON text; throws unless <see cref="Kind"/> is <see cref="CrudValueKind.Json"/>.</summary>
    /// <returns>The JSON text.</returns>
    public string AsJson() => Kind == CrudValueKind.Json ? _text! : throw WrongKind(CrudValueKind.Json);

    /// <summary>
    /// Compares with SQLite's loose typing: <c>1</c>, <c>1.0</c> and <c>true</c> are the same value,
    /// text equals a number when it spells that number, and two ISO-8601 timestamps are equal when they name
    /// the same instant. Used by conflict checks that compare
    /// what the client last saw with what the database holds.
    /// </summary>
    /// <param name="other">The value to compare with.</param>
    /// <returns>Whether both denote the same value.</returns>
    public bool LooselyEquals(CrudValue other)
    {
        if (Equals(other))
        {
            return true;
        }

        if (IsNull || other.IsNull)
        {
            return false;
        }

        if (TryGetNumber(out var left) && other.TryGetNumber(out var right))
        {
            return left == right;
        }

        if (Kind is CrudValueKind.Text or CrudValueKind.Json && other.Kind is CrudValueKind.Text or CrudValueKind.Json)
        {
            // Databases spell timestamps their own way ("2024-05-01 10:00:00+00" for "2024-05-01T10:00:00.000Z").
            return string.Equals(_text, other._text, StringComparison.Ordinal)
                || (TryGetTimestamp(_text!, out var leftInstant) && TryGetTimestamp(other._text!, out var rightInstant) && leftInstant == rightInstant);
        }

        return false;
    }

    /// <summary>Reads ISO-8601-like date-times (a date, then a time); without an offset they are taken as UTC.</summary>
    private static bool TryGetTimestamp(string text, out DateTimeOffset instant)
    {
        instant = default;
        return text.Length is >= 16 and <= 40
            && char.IsAsciiDigit(text[0]) && text[4] == '-' && text[7] == '-' && text[10] is 'T' or ' ' && text[13] == ':'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant);
    }

    /// <summary>Reads the value as a number when it is one (booleans count as 0/1, numeric text is parsed).</summary>
    /// <param name="number">The number.</param>
    /// <returns>Whether the value denotes a number.</returns>
    public bool TryGetNumber(out decimal number)
    {
        switch (Kind)
        {
            case CrudValueKind.Integer:
                number = _bits;
                return true;
            case CrudValueKind.Boolean:
                number = _bits;
                return true;
            case CrudValueKind.Real:
                // A cast to decimal keeps only 15 significant digits, which made distinct reals equal;
                // parsing the shortest round-trip text keeps all 17.
                var real = BitConverter.Int64BitsToDouble(_bits);
                if (Math.Abs(real) < 7.9e28)
                {
                    return decimal.TryParse(real.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
                }

                break;
            case CrudValueKind.Text:
                return decimal.TryParse(_text, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
        }

        number = 0;
        return false;
    }

    /// <inheritdoc />
    public bool Equals(CrudValue other) =>
        Kind == other.Kind && _bits == other._bits && string.Equals(_text, other._text, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CrudValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, _bits, _text is null ? 0 : StringComparer.Ordinal.GetHashCode(_text));

    /// <summary>Compares two values exactly (same kind, same content).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(CrudValue left, CrudValue right) => left.Equals(right);

    /// <summary>Compares two values exactly (same kind, same content).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(CrudValue left, CrudValue right) => !left.Equals(right);

    /// <summary>Text for diagnostics: JSON-like, numbers in invariant culture.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Kind switch
    {
        CrudValueKind.Null => "null",
        CrudValueKind.Integer => _bits.ToString(CultureInfo.InvariantCulture),
        CrudValueKind.Real => BitConverter.Int64BitsToDouble(_bits).ToString("R", CultureInfo.InvariantCulture),
        CrudValueKind.Boolean => _bits != 0 ? "true" : "false",
        CrudValueKind.Text => "\"" + _text + "\"",
        _ => _text!,
    };

    private InvalidOperationException WrongKind(CrudValueKind wanted) =>
        new($"The value is {Kind}, not {wanted}.");
}
