using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace PowerSync.Backend.MySql.TestDriver;

/// <summary>
/// A named input parameter. Its value is written into the command text as an escaped literal, so only the
/// value's runtime type matters; <see cref="DbType"/> is informational.
/// </summary>
public sealed class MariaDbParameter : DbParameter
{
    private string _name = string.Empty;
    private DbType? _dbType;

    /// <summary>Creates an unnamed parameter.</summary>
    public MariaDbParameter()
    {
    }

    /// <summary>Creates a parameter named <paramref name="parameterName"/> (with or without the leading <c>@</c>).</summary>
    public MariaDbParameter(string parameterName, object? value)
    {
        ParameterName = parameterName;
        Value = value;
    }

    /// <inheritdoc />
    public override DbType DbType
    {
        get => _dbType ?? InferDbType(Value);
        set => _dbType = value;
    }

    /// <inheritdoc />
    /// <remarks>Only <see cref="ParameterDirection.Input"/> is supported; other directions fail at execution.</remarks>
    public override ParameterDirection Direction { get; set; } = ParameterDirection.Input;

    /// <inheritdoc />
    public override bool IsNullable { get; set; }

    /// <inheritdoc />
    [AllowNull]
    public override string ParameterName
    {
        get => _name;
        set => _name = value ?? string.Empty;
    }

    /// <inheritdoc />
    public override int Size { get; set; }

    /// <inheritdoc />
    [AllowNull]
    public override string SourceColumn { get; set; } = string.Empty;

    /// <inheritdoc />
    public override bool SourceColumnNullMapping { get; set; }

    /// <inheritdoc />
    public override object? Value { get; set; }

    /// <summary>The name without its <c>@</c> or <c>?</c> prefix, which is how the command text is matched.</summary>
    internal string NormalizedName => _name.Length > 0 && _name[0] is '@' or '?' ? _name[1..] : _name;

    /// <inheritdoc />
    public override void ResetDbType() => _dbType = null;

    private static DbType InferDbType(object? value) => value switch
    {
        null or DBNull => DbType.Object,
        string or char => DbType.String,
        bool => DbType.Boolean,
        sbyte => DbType.SByte,
        byte => DbType.Byte,
        short => DbType.Int16,
        ushort => DbType.UInt16,
        int => DbType.Int32,
        uint => DbType.UInt32,
        long => DbType.Int64,
        ulong => DbType.UInt64,
        float => DbType.Single,
        double => DbType.Double,
        decimal => DbType.Decimal,
        DateTime => DbType.DateTime,
        DateTimeOffset => DbType.DateTimeOffset,
        DateOnly => DbType.Date,
        TimeOnly or TimeSpan => DbType.Time,
        Guid => DbType.Guid,
        byte[] => DbType.Binary,
        _ => DbType.Object,
    };
}
