using System.Globalization;

namespace PowerSync.Backend.MySql.TestDriver;

/// <summary>The typed getters: conversions between the stored CLR value and the type asked for.</summary>
public sealed partial class MariaDbDataReader
{
    /// <inheritdoc />
    public override string GetString(int ordinal) => (string)NotNull(ordinal);

    /// <inheritdoc />
    public override bool GetBoolean(int ordinal) => NotNull(ordinal) switch
    {
        bool b => b,
        string s => s switch { "1" => true, "0" => false, _ => bool.Parse(s) },
        var value => Convert.ToDecimal(value, CultureInfo.InvariantCulture) != 0,
    };

    /// <inheritdoc />
    public override byte GetByte(int ordinal) => Integer<byte>(ordinal);

    /// <summary>Reads the value as <see cref="sbyte"/>.</summary>
    public sbyte GetSByte(int ordinal) => Integer<sbyte>(ordinal);

    /// <inheritdoc />
    public override short GetInt16(int ordinal) => Integer<short>(ordinal);

    /// <inheritdoc />
    public override int GetInt32(int ordinal) => Integer<int>(ordinal);

    /// <inheritdoc />
    public override long GetInt64(int ordinal) => Integer<long>(ordinal);

    /// <summary>Reads the value as <see cref="ulong"/>.</summary>
    public ulong GetUInt64(int ordinal) => Integer<ulong>(ordinal);

    /// <inheritdoc />
    public override decimal GetDecimal(int ordinal) => NotNull(ordinal) switch
    {
        decimal d => d,
        double or float => throw new InvalidCastException("Use GetDouble for FLOAT/DOUBLE columns."),
        var value => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
    };

    /// <inheritdoc />
    public override double GetDouble(int ordinal) => NotNull(ordinal) switch
    {
        double d => d,
        float f => f,
        var value => Convert.ToDouble(value, CultureInfo.InvariantCulture),
    };

    /// <inheritdoc />
    public override float GetFloat(int ordinal) => NotNull(ordinal) switch
    {
        float f => f,
        var value => Convert.ToSingle(value, CultureInfo.InvariantCulture),
    };

    /// <inheritdoc />
    public override DateTime GetDateTime(int ordinal) => (DateTime)NotNull(ordinal);

    /// <summary>Reads a DATETIME/TIMESTAMP as UTC, as MySqlConnector's <c>GetDateTimeOffset</c> does.</summary>
    public DateTimeOffset GetDateTimeOffset(int ordinal) => new(DateTime.SpecifyKind(GetDateTime(ordinal), DateTimeKind.Utc));

    /// <summary>Reads a TIME column.</summary>
    public TimeSpan GetTimeSpan(int ordinal) => (TimeSpan)NotNull(ordinal);

    /// <inheritdoc />
    public override Guid GetGuid(int ordinal) => NotNull(ordinal) switch
    {
        Guid g => g,
        string s when Guid.TryParse(s, out var parsed) => parsed,
        byte[] { Length: 16 } bytes => new Guid(bytes),
        var value => throw new InvalidCastException($"The value could not be converted to a GUID: {value}"),
    };

    /// <inheritdoc />
    public override char GetChar(int ordinal) => GetString(ordinal) is { Length: > 0 } s ? s[0] : throw new InvalidCastException("The value is an empty string.");

    /// <inheritdoc />
    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length)
    {
        if (NotNull(ordinal) is not byte[] bytes)
        {
            throw new InvalidCastException($"Column {ordinal} is not binary.");
        }

        return CopySlice(bytes, dataOffset, buffer, bufferOffset, length);
    }

    /// <inheritdoc />
    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) =>
        CopySlice(GetString(ordinal).ToCharArray(), dataOffset, buffer, bufferOffset, length);

    /// <inheritdoc />
    /// <remarks>
    /// Dispatches like MySqlConnector: the CLR types with a typed getter go through it (so integer widths convert
    /// with overflow checks, <see cref="DateTimeOffset"/> reads DATETIME as UTC, <see cref="DateOnly"/> and
    /// <see cref="TimeOnly"/> work); anything else, including nullable types, is a plain cast of
    /// <see cref="GetValue"/>. As in MySqlConnector, NULL is never turned into <c>null</c>: it throws
    /// <see cref="InvalidCastException"/> unless <typeparamref name="T"/> is <see cref="object"/> or <see cref="DBNull"/>.
    /// </remarks>
    public override T GetFieldValue<T>(int ordinal)
    {
        var type = typeof(T);
        object value = type switch
        {
            _ when type == typeof(bool) => GetBoolean(ordinal),
            _ when type == typeof(byte) => GetByte(ordinal),
            _ when type == typeof(sbyte) => GetSByte(ordinal),
            _ when type == typeof(short) => GetInt16(ordinal),
            _ when type == typeof(ushort) => Integer<ushort>(ordinal),
            _ when type == typeof(int) => GetInt32(ordinal),
            _ when type == typeof(uint) => Integer<uint>(ordinal),
            _ when type == typeof(long) => GetInt64(ordinal),
            _ when type == typeof(ulong) => GetUInt64(ordinal),
            _ when type == typeof(char) => GetChar(ordinal),
            _ when type == typeof(decimal) => GetDecimal(ordinal),
            _ when type == typeof(double) => GetDouble(ordinal),
            _ when type == typeof(float) => GetFloat(ordinal),
            _ when type == typeof(string) => GetString(ordinal),
            _ when type == typeof(DateTime) => GetDateTime(ordinal),
            _ when type == typeof(DateTimeOffset) => GetDateTimeOffset(ordinal),
            _ when type == typeof(Guid) => GetGuid(ordinal),
            _ when type == typeof(TimeSpan) => GetTimeSpan(ordinal),
            _ when type == typeof(DateOnly) => DateOnly.FromDateTime(GetDateTime(ordinal)),
            _ when type == typeof(TimeOnly) => TimeOnly.FromTimeSpan(GetTimeSpan(ordinal)),
            _ when type == typeof(Stream) => new MemoryStream((byte[])NotNull(ordinal), writable: false),
            _ when type == typeof(TextReader) || type == typeof(StringReader) => new StringReader(GetString(ordinal)),
            _ => GetValue(ordinal),
        };
        return (T)value;
    }

    private static long CopySlice<TItem>(TItem[] source, long dataOffset, TItem[]? buffer, int bufferOffset, int length)
    {
        if (buffer is null)
        {
            return source.Length;
        }

        var offset = (int)Math.Min(dataOffset, source.Length);
        var count = Math.Min(length, source.Length - offset);
        Array.Copy(source, offset, buffer, bufferOffset, count);
        return count;
    }

    private object NotNull(int ordinal) => GetValue(ordinal) is var value and not DBNull
        ? value
        : throw new InvalidCastException($"Column {ordinal} ('{GetName(ordinal)}') is NULL.");

    private TNumber Integer<TNumber>(int ordinal)
        where TNumber : struct, System.Numerics.INumberBase<TNumber> => NotNull(ordinal) switch
        {
            bool b => b ? TNumber.One : TNumber.Zero,
            sbyte v => TNumber.CreateChecked(v),
            byte v => TNumber.CreateChecked(v),
            short v => TNumber.CreateChecked(v),
            ushort v => TNumber.CreateChecked(v),
            int v => TNumber.CreateChecked(v),
            uint v => TNumber.CreateChecked(v),
            long v => TNumber.CreateChecked(v),
            ulong v => TNumber.CreateChecked(v),
            decimal v => TNumber.CreateChecked(decimal.Truncate(v)),
            string s => TNumber.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture),
            var value => throw new InvalidCastException($"Cannot read {value.GetType().Name} column {ordinal} as {typeof(TNumber).Name}."),
        };
}
