using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace PowerSync.Backend.AspNetCore.Http;

/// <summary>Writes the small JSON bodies the endpoints answer with.</summary>
internal static class JsonResponses
{
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>Writes <c>{"message":"…"}</c> with a status code.</summary>
    public static Task WriteMessageAsync(HttpContext context, int statusCode, string message) =>
        WriteAsync(context, statusCode, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("message"u8, message);
            writer.WriteEndObject();
        });

    /// <summary>Writes a JSON body with a status code and a <c>Content-Length</c>.</summary>
    public static Task WriteAsync(HttpContext context, int statusCode, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return WriteAsync(context, statusCode, buffer.WrittenMemory);
    }

    /// <summary>Writes JSON bytes with a status code and a <c>Content-Length</c>.</summary>
    public static async Task WriteAsync(HttpContext context, int statusCode, ReadOnlyMemory<byte> json)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = ContentType;
        response.ContentLength = json.Length;
        await response.Body.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
    }
}
