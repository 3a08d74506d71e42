using System.Buffers;
using System.Text;
using System.Text.Json;

namespace PowerSync.Backend.DevToken.Commands;

/// <summary>Pretty-prints JSON for people to read.</summary>
internal static class JsonText
{
    public static string Indent(string json)
    {
        using var document = JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            document.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
