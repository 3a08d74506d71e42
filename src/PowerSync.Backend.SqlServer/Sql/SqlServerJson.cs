using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Encodings.Web;
using PowerSync.Backend.Relational.Planning;

namespace PowerSync.Backend.SqlServer.Sql;

/// <summary>The JSON document one statement reads through <c>OPENJSON</c>: one array per entry, the id first, then each column's text.</summary>
internal static class SqlServerJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary><c>[["id","v1",null],…]</c> for the entries of <paramref name="run"/> (ids only for deletes).</summary>
    public static string Rows(EntryRun run)
    {
        var columns = run.Columns.Length;
        return Write(writer =>
        {
            for (var i = 0; i < run.Count; i++)
            {
                var entry = run[i];
                writer.WriteStartArray();
                writer.WriteStringValue(entry.Id);
                for (var c = 0; c < columns; c++)
                {
                    if (entry.Values[c] is { } value)
                    {
                        writer.WriteStringValue(value);
                    }
                    else
                    {
                        writer.WriteNullValue();
                    }
                }

                writer.WriteEndArray();
            }
        });
    }

    /// <summary><c>["a","b"]</c>.</summary>
    public static string Strings(IEnumerable<string> values) => Write(writer =>
    {
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }
    });

    private static string Write(Action<Utf8JsonWriter> items)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartArray();
            items(writer);
            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
