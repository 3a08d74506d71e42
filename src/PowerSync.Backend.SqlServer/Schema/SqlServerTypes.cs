using System.Globalization;
using PowerSync.Backend.Relational.Schema;

namespace PowerSync.Backend.SqlServer.Schema;

/// <summary>SQL Server's system types: their conversion kind, their full spelling for casts, and integer bounds.</summary>
internal static class SqlServerTypes
{
    /// <summary>The conversion kind of a system type.</summary>
    public static ColumnKind KindOf(string type) => type switch
    {
        "bit" => ColumnKind.Boolean,
        "tinyint" or "smallint" or "int" or "bigint" => ColumnKind.Integer,
        "decimal" or "numeric" or "money" or "smallmoney" => ColumnKind.Decimal,
        "float" or "real" => ColumnKind.Float,
        "uniqueidentifier" => ColumnKind.Uuid,
        "nvarchar" or "varchar" or "nchar" or "char" or "ntext" or "text" or "sysname" => ColumnKind.Text,
        "json" => ColumnKind.Json,
        "datetime2" or "datetime" or "smalldatetime" => ColumnKind.Timestamp,
        "datetimeoffset" => ColumnKind.TimestampTz,
        "date" => ColumnKind.Date,
        "time" => ColumnKind.Time,
        "varbinary" or "binary" or "image" => ColumnKind.Binary,
        _ => ColumnKind.Other,
    };

    /// <summary>The bounds of an integer type (<c>tinyint</c> is unsigned).</summary>
    public static IntegerRange RangeOf(string type) => type switch
    {
        "tinyint" => new IntegerRange(byte.MinValue, byte.MaxValue),
        "smallint" => IntegerRange.Int16,
        "int" => IntegerRange.Int32,
        _ => IntegerRange.Int64,
    };

    /// <summary>The type as a cast names it: <c>nvarchar(20)</c>, <c>decimal(12,3)</c>, <c>datetime2(7)</c>, <c>varbinary(max)</c>.</summary>
    public static string Spell(string type, short maxLength, byte precision, byte scale)
    {
        var length = maxLength < 0 ? "max" : maxLength.ToString(CultureInfo.InvariantCulture);
        var characters = maxLength < 0 ? "max" : (maxLength / 2).ToString(CultureInfo.InvariantCulture);
        return type switch
        {
            "nvarchar" or "nchar" => $"{type}({characters})",
            "varchar" or "char" or "varbinary" or "binary" => $"{type}({length})",
            "decimal" or "numeric" => string.Create(CultureInfo.InvariantCulture, $"{type}({precision},{scale})"),
            "datetime2" or "datetimeoffset" or "time" => string.Create(CultureInfo.InvariantCulture, $"{type}({scale})"),
            "sysname" => "nvarchar(128)",
            _ => type,
        };
    }
}
