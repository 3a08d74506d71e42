using System.Text;
using PowerSync.Backend.Relational.Schema;

namespace PowerSync.Backend.MySql.Schema;

/// <summary>MySQL's types as the relational layer's column kinds, integer bounds and enum labels.</summary>
internal static class MySqlColumnTypes
{
    /// <summary>
    /// The kind of a column: <c>tinyint(1)</c> is a boolean, <c>char(36)</c> a UUID (and <c>binary(16)</c> when
    /// configured), <c>timestamp</c> an instant and <c>datetime</c> a wall-clock time.
    /// </summary>
    public static ColumnKind KindOf(string dataType, string columnType, long? length, bool binaryUuids, bool jsonCheck) => dataType switch
    {
        "tinyint" when columnType.StartsWith("tinyint(1)", StringComparison.OrdinalIgnoreCase) => ColumnKind.Boolean,
        "bool" or "boolean" => ColumnKind.Boolean,
        "tinyint" or "smallint" or "mediumint" or "int" or "integer" or "bigint" => ColumnKind.Integer,
        "decimal" or "numeric" => ColumnKind.Decimal,
        "float" or "double" or "real" => ColumnKind.Float,
        "char" when length == 36 => ColumnKind.Uuid,
        "binary" when length == 16 && binaryUuids => ColumnKind.Uuid,
        "json" => ColumnKind.Json,
        "longtext" when jsonCheck => ColumnKind.Json,
        "char" or "varchar" or "tinytext" or "text" or "mediumtext" or "longtext" => ColumnKind.Text,
        "datetime" => ColumnKind.Timestamp,
        "timestamp" => ColumnKind.TimestampTz,
        "date" => ColumnKind.Date,
        "time" => ColumnKind.Time,
        "binary" or "varbinary" or "tinyblob" or "blob" or "mediumblob" or "longblob" => ColumnKind.Binary,
        "enum" => ColumnKind.Enum,
        _ => ColumnKind.Other,
    };

    /// <summary>The bounds of an integer type, unsigned when <c>COLUMN_TYPE</c> says so.</summary>
    public static IntegerRange RangeOf(string dataType, string columnType)
    {
        var unsigned = columnType.Contains("unsigned", StringComparison.OrdinalIgnoreCase);
        var bits = dataType switch
        {
            "tinyint" => 8,
            "smallint" => 16,
            "mediumint" => 24,
            "int" or "integer" => 32,
            _ => 64,
        };
        return unsigned
            ? new IntegerRange(0, (Int128.One << bits) - 1)
            : new IntegerRange(-(Int128.One << (bits - 1)), (Int128.One << (bits - 1)) - 1);
    }

    /// <summary>The labels of <c>enum('a','b''c')</c>, quotes undoubled.</summary>
    public static IReadOnlySet<string> EnumLabels(string columnType)
    {
        var labels = new HashSet<string>(StringComparer.Ordinal);
        var open = columnType.IndexOf('(', StringComparison.Ordinal);
        var label = new StringBuilder();
        var inside = false;
        for (var i = open + 1; open >= 0 && i < columnType.Length; i++)
        {
            var c = columnType[i];
            if (!inside)
            {
                inside = c == '\'';
                continue;
            }

            if (c == '\'' && i + 1 < columnType.Length && columnType[i + 1] == '\'')
            {
                label.Append('\'');
                i++;
            }
            else if (c == '\'')
            {
                labels.Add(label.ToString());
                label.Clear();
                inside = false;
            }
            else
            {
                label.Append(c);
            }
        }

        return labels;
    }

    /// <summary>The column of a MariaDB <c>json_valid(`column`)</c> check, or <see langword="null"/> for another check.</summary>
    public static string? JsonValidColumn(string checkClause)
    {
        const string Prefix = "json_valid(`";
        if (!checkClause.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || !checkClause.EndsWith("`)", StringComparison.Ordinal))
        {
            return null;
        }

        var quoted = checkClause[(Prefix.Length - 1)..^1];
        return quoted.Length >= 2 ? quoted[1..^1].Replace("``", "`", StringComparison.Ordinal) : null;
    }
}
