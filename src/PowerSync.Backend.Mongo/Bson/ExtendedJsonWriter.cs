using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PowerSync.Backend.Mongo.Bson;

/// <summary>
/// Writes BSON values as canonical Extended JSON v2 (every number wrapped with its BSON type), the text form
/// of the commands the applier sends; or as plain ("relaxed") JSON for values handed to hooks.
/// </summary>
internal static class ExtendedJsonWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The canonical Extended JSON text of a document.</summary>
    public static string ToCanonical(BsonDocument document) => Write(document, canonical: true);

    /// <summary>
    /// Plain JSON for a stored value: numbers as JSON numbers (Decimal128 as its string), dates as ISO-8601 text,
    /// ObjectIds as hex, binary as base64.
    /// </summary>
    public static string ToRelaxed(BsonValue value) => Write(value, canonical: false);

    private static string Write(BsonValue value, bool canonical)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            WriteValue(writer, value, canonical);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteValue(Utf8JsonWriter writer, BsonValue value, bool canonical)
    {
        switch (value)
        {
            case BsonNull:
                writer.WriteNullValue();
                break;
            case BsonBoolean boolean:
                writer.WriteBooleanValue(boolean.Value);
                break;
            case BsonString text:
                writer.WriteStringValue(text.Value);
                break;
            case BsonInt32 int32 when canonical:
                Wrapped(writer, "$numberInt", int32.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case BsonInt32 int32:
                writer.WriteNumberValue(int32.Value);
                break;
            case BsonInt64 int64 when canonical:
                Wrapped(writer, "$numberLong", int64.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case BsonInt64 int64:
                writer.WriteNumberValue(int64.Value);
                break;
            case BsonDouble number when canonical:
                Wrapped(writer, "$numberDouble", JsNumber.ToCanonicalExtendedJson(number.Value));
                break;
            case BsonDouble number:
                writer.WriteRawValue(JsNumber.ToEcmaScriptStringOrZero(number.Value));
                break;
            case BsonDecimal128 decimal128 when canonical:
                Wrapped(writer, "$numberDecimal", decimal128.Value);
                break;
            case BsonDecimal128 decimal128:
                writer.WriteStringValue(decimal128.Value);
                break;
            case BsonDateTime date when canonical:
                writer.WriteStartObject();
                writer.WritePropertyName("$date");
                Wrapped(writer, "$numberLong", date.MillisecondsSinceEpoch.ToString(CultureInfo.InvariantCulture));
                writer.WriteEndObject();
                break;
            case BsonDateTime date:
                writer.WriteStringValue(IsoDate.Format(date.MillisecondsSinceEpoch));
                break;
            case BsonObjectId id when canonical:
                Wrapped(writer, "$oid", id.Hex);
                break;
            case BsonObjectId id:
                writer.WriteStringValue(id.Hex);
                break;
            case BsonBinary binary when canonical:
                writer.WriteStartObject();
                writer.WriteStartObject("$binary");
                writer.WriteString("base64", Convert.ToBase64String(binary.Bytes));
                writer.WriteString("subType", binary.SubType.ToString("x2", CultureInfo.InvariantCulture));
                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
            case BsonBinary binary:
                writer.WriteStringValue(binary.SubType == 4 && binary.Bytes.Length == 16 ? new Guid(binary.Bytes, bigEndian: true).ToString("D") : Convert.ToBase64String(binary.Bytes));
                break;
            case BsonArray array:
                writer.WriteStartArray();
                foreach (var item in array.Items)
                {
                    WriteValue(writer, item, canonical);
                }

                writer.WriteEndArray();
                break;
            case BsonDocument document:
                writer.WriteStartObject();
                foreach (var element in document.Elements)
                {
                    writer.WritePropertyName(element.Key);
                    WriteValue(writer, element.Value, canonical);
                }

                writer.WriteEndObject();
                break;
            default:
                throw new InvalidOperationException($"No Extended JSON form for {value.GetType().Name}.");
        }
    }

    private static void Wrapped(Utf8JsonWriter writer, string name, string text)
    {
        writer.WriteStartObject();
        writer.WriteString(name, text);
        writer.WriteEndObject();
    }
}
