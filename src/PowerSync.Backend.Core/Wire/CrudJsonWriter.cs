using System.Buffers;
using System.Globalization;
using System.Text.Json;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Results;

namespace PowerSync.Backend.Core.Wire;

/// <summary>
/// Writes uploads and their results in the reference write API's JSON, so hosts, test code and clients
/// written in .NET produce exactly the shapes <see cref="CrudUploadParser"/> and PowerSync connectors read.
/// </summary>
public static class CrudJsonWriter
{
    /// <summary>Writes <c>{"results":[…]}</c>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="result">The upload's outcome.</param>
    public static void WriteResults(Utf8JsonWriter writer, UploadResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteStartObject();
        writer.WriteStartArray("results"u8);
        foreach (var transaction in result.Results)
        {
            WriteResult(writer, transaction);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Writes one transaction result.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="result">The result.</param>
    public static void WriteResult(Utf8JsonWriter writer, TransactionResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteStartObject();
        switch (result.Status)
        {
            case TransactionStatus.Success:
                writer.WriteString("status"u8, "success"u8);
                break;
            case TransactionStatus.NotAttempted:
                writer.WriteString("status"u8, "not_attempted"u8);
                break;
            case TransactionStatus.RetryableError:
                writer.WriteString("status"u8, "retryable_error"u8);
                WriteOptional(writer, "message"u8, result.Message);
                if (result.RetryAfter is { } retryAfter)
                {
                    writer.WriteNumber("retry_after_ms"u8, (long)retryAfter.TotalMilliseconds);
                }

                break;
            case TransactionStatus.FatalError:
                writer.WriteString("status"u8, "fatal_error"u8);
                writer.WriteBoolean("requires_client_handling"u8, result.RequiresClientHandling);
                WriteFailedOperation(writer, result.FailedOperation!);
                WriteOptional(writer, "message"u8, result.Message);
                break;
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes an upload as <c>{"transactions":[…]}</c>, the reference request shape.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="transactions">The transactions.</param>
    /// <param name="clientId">The PowerSync client id to include as <c>client_id</c>, if any.</param>
    public static void WriteTransactions(Utf8JsonWriter writer, IEnumerable<CrudTransaction> transactions, string? clientId = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(transactions);
        writer.WriteStartObject();
        WriteOptional(writer, "client_id"u8, clientId);
        writer.WriteStartArray("transactions"u8);
        foreach (var transaction in transactions)
        {
            WriteTransaction(writer, transaction);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Writes one transaction as <c>{"transaction_id":…,"crud":[…]}</c>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="transaction">The transaction.</param>
    public static void WriteTransaction(Utf8JsonWriter writer, CrudTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(transaction);
        writer.WriteStartObject();
        if (transaction.TransactionId is { } id)
        {
            writer.WriteNumber("transaction_id"u8, id);
        }

        writer.WriteStartArray("crud"u8);
        foreach (var entry in transaction.Entries)
        {
            WriteEntry(writer, entry);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Serializes one transaction to JSON text, for example to store it as a dead letter.</summary>
    /// <param name="transaction">The transaction.</param>
    /// <returns>The JSON; the default encoder escapes everything non-ASCII, so it is valid in any text column.</returns>
    public static string ToJson(CrudTransaction transaction)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteTransaction(writer, transaction);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes one entry with the reference API's field names.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="entry">The entry.</param>
    public static void WriteEntry(Utf8JsonWriter writer, CrudEntry entry)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(entry);
        writer.WriteStartObject();
        writer.WriteString("id"u8, entry.Id);
        writer.WriteString("op"u8, entry.Operation switch
        {
            CrudOperation.Put => "PUT"u8,
            CrudOperation.Patch => "PATCH"u8,
            _ => "DELETE"u8,
        });
        writer.WriteString("table"u8, entry.Table);
        if (entry.OperationId is { } operationId)
        {
            writer.WriteNumber("op_id"u8, operationId);
        }

        if (entry.TransactionId is { } transactionId)
        {
            writer.WriteNumber("transaction_id"u8, transactionId);
        }

        if (entry.Operation != CrudOperation.Delete)
        {
            writer.WritePropertyName("op_data"u8);
            WriteData(writer, entry.Data);
        }

        if (entry.Previous is { } previous)
        {
            writer.WritePropertyName("previous_values"u8);
            WriteData(writer, previous);
        }

        WriteOptional(writer, "metadata"u8, entry.Metadata);
        writer.WriteEndObject();
    }

    /// <summary>Writes column values as a JSON object.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="data">The values.</param>
    public static void WriteData(Utf8JsonWriter writer, CrudData data)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(data);
        writer.WriteStartObject();
        foreach (var column in data.AsSpan())
        {
            writer.WritePropertyName(column.Key);
            WriteValue(writer, column.Value);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes one value as the client would have sent it.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="value">The value.</param>
    public static void WriteValue(Utf8JsonWriter writer, CrudValue value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value.Kind)
        {
            case CrudValueKind.Null:
                writer.WriteNullValue();
                break;
            case CrudValueKind.Integer:
                writer.WriteNumberValue(value.AsInteger());
                break;
            case CrudValueKind.Real:
                WriteReal(writer, value.AsReal());
                break;
            case CrudValueKind.Boolean:
                writer.WriteBooleanValue(value.AsBoolean());
                break;
            case CrudValueKind.Text:
                writer.WriteStringValue(value.AsText());
                break;
            case CrudValueKind.Json:
                writer.WriteRawValue(value.AsJson(), skipInputValidation: true);
                break;
        }
    }

    /// <summary>Serializes an upload's transactions to UTF-8 JSON bytes in the reference shape.</summary>
    /// <param name="transactions">The transactions.</param>
    /// <param name="clientId">The PowerSync client id to include, if any.</param>
    /// <returns>The bytes.</returns>
    public static byte[] ToUtf8Bytes(IEnumerable<CrudTransaction> transactions, string? clientId = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteTransactions(writer, transactions, clientId);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Serializes results to UTF-8 JSON bytes (<c>{"results":[…]}</c>).</summary>
    /// <param name="result">The upload's outcome.</param>
    /// <returns>The bytes.</returns>
    public static byte[] ToUtf8Bytes(UploadResult result)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteResults(writer, result);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteReal(Utf8JsonWriter writer, double real)
    {
        // The shortest round-trip form of a whole real ("1", "-0") would be read back as an integer;
        // a trailing ".0" keeps it a real.
        Span<byte> text = stackalloc byte[40];
        real.TryFormat(text, out var length, "R", CultureInfo.InvariantCulture);
        if (text[..length].IndexOfAny(".eE"u8) < 0)
        {
            ".0"u8.CopyTo(text[length..]);
            length += 2;
        }

        writer.WriteRawValue(text[..length], skipInputValidation: true);
    }

    private static void WriteFailedOperation(Utf8JsonWriter writer, FailedOperation failed)
    {
        writer.WriteStartObject("failed_operation"u8);
        writer.WriteString("error_code"u8, failed.ErrorCode);
        WriteOptional(writer, "message"u8, failed.Message);
        if (failed.Details is { } details)
        {
            writer.WritePropertyName("details"u8);
            details.WriteTo(writer);
        }

        if (failed.OperationIndex is { } index)
        {
            writer.WriteNumber("operation_index"u8, index);
        }

        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
