namespace PowerSync.Backend.Relational.Schema;

/// <summary>The values an integer column holds, wide enough for unsigned 64-bit types.</summary>
/// <param name="Min">The least value.</param>
/// <param name="Max">The greatest value.</param>
internal readonly record struct IntegerRange(Int128 Min, Int128 Max)
{
    /// <summary>A 16-bit signed integer (<c>smallint</c>).</summary>
    public static IntegerRange Int16 => new(short.MinValue, short.MaxValue);

    /// <summary>A 32-bit signed integer (<c>integer</c>).</summary>
    public static IntegerRange Int32 => new(int.MinValue, int.MaxValue);

    /// <summary>A 64-bit signed integer (<c>bigint</c>).</summary>
    public static IntegerRange Int64 => new(long.MinValue, long.MaxValue);

    /// <summary>Whether <paramref name="value"/> fits.</summary>
    public bool Contains(Int128 value) => value >= Min && value <= Max;
}
