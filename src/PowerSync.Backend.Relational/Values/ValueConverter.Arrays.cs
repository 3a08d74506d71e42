using System.Text.Json;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Relational.Schema;

namespace PowerSync.Backend.Relational.Values;

/// <summary>One-dimensional arrays, sent as JSON arrays whose elements follow the element kind's rules.</summary>
internal sealed partial class ValueConverter
{
    private string? ConvertArray(CrudValue value, RelationalColumn column, ref string? problem)
    {
        var json = value.Kind switch
        {
            CrudValueKind.Json => value.AsJson(),
            CrudValueKind.Text => value.AsText(),
            _ => null,
        };
        try
        {
            using var document = json is null ? null : JsonDocument.Parse(json);
            if (document?.RootElement.ValueKind != JsonValueKind.Array)
            {
                problem = $"{Describe(value)} is not a JSON array for {column.StoreType}";
                return null;
            }

            var elements = new List<string?>(document.RootElement.GetArrayLength());
            foreach (var element in document.RootElement.EnumerateArray())
            {
                if (element.ValueKind == JsonValueKind.Null)
                {
                    elements.Add(null);
                    continue;
                }

                var item = ConvertScalar(ToCrudValue(element), column.ElementKind, column, ref problem);
                if (item is null || element.ValueKind == JsonValueKind.Array)
                {
                    problem = $"an element does not fit {column.StoreType} (one dimension, matching elements)";
                    return null;
                }

                elements.Add(item);
            }

            return _formatter.Array(elements);
        }
        catch (JsonException)
        {
            problem = $"{Describe(value)} is not a JSON array for {column.StoreType}";
            return null;
        }
    }

    private static CrudValue ToCrudValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => CrudValue.FromText(element.GetString()),
        JsonValueKind.Number when element.TryGetInt64(out var integer) => CrudValue.FromInteger(integer),
        JsonValueKind.Number => CrudValue.FromReal(element.GetDouble()),
        JsonValueKind.True => CrudValue.FromBoolean(true),
        JsonValueKind.False => CrudValue.FromBoolean(false),
        _ => CrudValue.FromJson(element.GetRawText()),
    };
}
