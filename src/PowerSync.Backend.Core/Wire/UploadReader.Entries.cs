using System.Globalization;
using System.Text.Json;
using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Core.Wire;

/// <summary>Entry fields, their aliases and column values.</summary>
internal ref partial struct UploadReader
{
    /// <summary>Reads the current property if it is an entry field (any alias); false leaves it unread.</summary>
    /// <remarks>Error paths are built only when something fails: this runs for every field of every entry.</remarks>
    private bool TryReadEntryField(ref EntryFields fields)
    {
        var name = FieldName();
        switch (name)
        {
            case null:
                return false;
            case "op":
                Advance();
                fields.Operation = ReadOperation(name);
                return true;
            case "type" or "table":
                Advance();
                fields.Table = ReadRequiredText(name);
                return true;
            case "id":
                Advance();
                fields.Id = ReadId(name);
                return true;
            case "data" or "opData" or "op_data":
                Advance();
                fields.Data = ReadColumns(name);
                fields.DataField = name;
                return true;
            case "old" or "previousValues" or "previous_values":
                Advance();
                fields.Previous = ReadColumns(name);
                return true;
            case "metadata":
                Advance();
                fields.Metadata = ReadMetadata(name);
                return true;
            case "op_id" or "clientId" or "client_id":
                if (name != "op_id" && PeekIsNonNumericString())
                {
                    // Under a client-id alias a UUID is the PowerSync client id (single-entry bodies), not a queue id.
                    Advance();
                    fields.ClientId = GetText();
                }
                else
                {
                    Advance();
                    fields.OperationId = ReadOptionalInt64(name);
                }

                return true;
            default:
                Advance();
                fields.TransactionId = ReadOptionalInt64(name);
                return true;
        }
    }

    /// <summary>The entry field the current property names (as a constant string), or null for other properties.</summary>
    private readonly string? FieldName()
    {
        if (_reader.ValueIsEscaped)
        {
            return KnownField(StrictUtf8.GetBytes(GetText()));
        }

        return KnownField(_reader.ValueSpan);
    }

    private static string? KnownField(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 when name.SequenceEqual("op"u8) => "op",
        2 when name.SequenceEqual("id"u8) => "id",
        3 when name.SequenceEqual("old"u8) => "old",
        4 when name.SequenceEqual("type"u8) => "type",
        4 when name.SequenceEqual("data"u8) => "data",
        5 when name.SequenceEqual("op_id"u8) => "op_id",
        5 when name.SequenceEqual("tx_id"u8) => "tx_id",
        5 when name.SequenceEqual("table"u8) => "table",
        6 when name.SequenceEqual("opData"u8) => "opData",
        7 when name.SequenceEqual("op_data"u8) => "op_data",
        8 when name.SequenceEqual("metadata"u8) => "metadata",
        8 when name.SequenceEqual("clientId"u8) => "clientId",
        9 when name.SequenceEqual("client_id"u8) => "client_id",
        13 when name.SequenceEqual("transactionId"u8) => "transactionId",
        14 when name.SequenceEqual("transaction_id"u8) => "transaction_id",
        14 when name.SequenceEqual("previousValues"u8) => "previousValues",
        15 when name.SequenceEqual("previous_values"u8) => "previous_values",
        _ => null,
    };

    private CrudOperation? ReadOperation(string field)
    {
        if (_reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (_reader.TokenType != JsonTokenType.String)
        {
            throw Fail(UploadFormatError.InvalidField, EntryPath(field), $"expected the operation as a string, found {Describe(_reader.TokenType)}");
        }

        if (_reader.ValueTextEquals("PUT"u8))
        {
            return CrudOperation.Put;
        }

        if (_reader.ValueTextEquals("PATCH"u8))
        {
            return CrudOperation.Patch;
        }

        if (_reader.ValueTextEquals("DELETE"u8))
        {
            return CrudOperation.Delete;
        }

        var text = GetText();
        if (string.Equals(text, "PUT", StringComparison.OrdinalIgnoreCase))
        {
            return CrudOperation.Put;
        }

        if (string.Equals(text, "PATCH", StringComparison.OrdinalIgnoreCase))
        {
            return CrudOperation.Patch;
        }

        if (string.Equals(text, "DELETE", StringComparison.OrdinalIgnoreCase))
        {
            return CrudOperation.Delete;
        }

        throw Fail(UploadFormatError.UnknownOperation, EntryPath(field), $"unknown operation '{Truncate(text)}' (expected PUT, PATCH or DELETE)");
    }

    private string? ReadRequiredText(string field)
    {
        return _reader.TokenType switch
        {
            JsonTokenType.Null => null,
            // Table names repeat across entries: interned, they cost one string per upload, not per entry.
            JsonTokenType.String => ReadName() is { Length: > 0 } text
                ? text
                : throw Fail(UploadFormatError.InvalidField, EntryPath(field), "must not be empty"),
            _ => throw Fail(UploadFormatError.InvalidField, EntryPath(field), $"expected a string, found {Describe(_reader.TokenType)}"),
        };
    }

    private string? ReadId(string field)
    {
        return _reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => GetText() is { Length: > 0 } text
                ? text
                : throw Fail(UploadFormatError.InvalidField, EntryPath(field), "the row id must not be empty"),
            // Numeric ids become their JSON text: 42 → "42".
            JsonTokenType.Number => Utf8((int)_reader.TokenStartIndex, _reader.ValueSpan.Length),
            _ => throw Fail(UploadFormatError.InvalidField, EntryPath(field), $"expected the row id as a string or number, found {Describe(_reader.TokenType)}"),
        };
    }

    private string? ReadMetadata(string field)
    {
        return _reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => GetText(),
            JsonTokenType.StartObject or JsonTokenType.StartArray => CaptureContainer(EntryPath(field)),
            _ => Utf8((int)_reader.TokenStartIndex, _reader.ValueSpan.Length),
        };
    }

    private long? ReadOptionalInt64(string field)
    {
        switch (_reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when _reader.TryGetInt64(out var number):
                return number;
            case JsonTokenType.String when TryParseDigits(GetText(), out var parsed):
                return parsed;
            default:
                throw Fail(UploadFormatError.InvalidField, EntryPath(field), "expected a whole number");
        }
    }

    /// <summary>Reads a <c>data</c> or <c>old</c> object; null stays null.</summary>
    private CrudData? ReadColumns(string field)
    {
        if (_reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (_reader.TokenType != JsonTokenType.StartObject)
        {
            throw Fail(UploadFormatError.InvalidField, EntryPath(field), $"expected an object of column values, found {Describe(_reader.TokenType)}");
        }

        // One list serves every object of the upload; CrudData copies what it needs.
        var columns = _columns ??= [];
        columns.Clear();
        while (NextProperty())
        {
            var column = ReadName();
            Advance();
            CrudData.Put(columns, column, ReadValue(field, column));
        }

        return CrudData.FromUniqueColumns(columns);
    }

    private CrudValue ReadValue(string field, string column)
    {
        switch (_reader.TokenType)
        {
            case JsonTokenType.Null:
                return CrudValue.Null;
            case JsonTokenType.String:
                return CrudValue.FromText(GetText());
            case JsonTokenType.True:
                return CrudValue.FromBoolean(true);
            case JsonTokenType.False:
                return CrudValue.FromBoolean(false);
            case JsonTokenType.Number:
                if (_reader.TryGetInt64(out var integer))
                {
                    return CrudValue.FromInteger(integer);
                }

                if (_reader.TryGetDouble(out var real) && double.IsFinite(real))
                {
                    return CrudValue.FromReal(real);
                }

                throw Fail(UploadFormatError.InvalidField, EntryPath(field) + PathMember(column), "the number is out of range");
            default:
                return CrudValue.FromJson(CaptureContainer(EntryPath(field) + PathMember(column)));
        }
    }

    /// <summary>Returns the raw JSON text of the object or array that starts at the current token.</summary>
    private string CaptureContainer(string path)
    {
        var start = (int)_reader.TokenStartIndex;
        SkipContainer(path);
        return Utf8(start, (int)_reader.BytesConsumed - start);
    }

    /// <summary>Skips the current property's value, checking the depth limit so that the error names the property.</summary>
    private void SkipValue()
    {
        var name = GetText();
        Advance();
        if (_reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            SkipContainer(EntryPath(name));
        }
    }

    private void SkipContainer(string path)
    {
        var depth = _reader.CurrentDepth;
        CheckDepth(path);
        while (Advance() is not (JsonTokenType.EndObject or JsonTokenType.EndArray) || _reader.CurrentDepth != depth)
        {
            if (_reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                CheckDepth(path);
            }
        }
    }

    private readonly void CheckDepth(string path)
    {
        // CurrentDepth counts the containers around the token; the container itself is one more level.
        if (_reader.CurrentDepth + 1 > _limits.MaxDepth)
        {
            throw Fail(UploadFormatError.LimitExceeded, path, $"values are nested deeper than the limit of {_limits.MaxDepth} levels");
        }
    }

    private bool NextProperty() => Advance() == JsonTokenType.PropertyName;

    private JsonTokenType Advance()
    {
        if (!_reader.Read())
        {
            throw Fail(UploadFormatError.MalformedJson, EntryPath(null), "the JSON document ends early");
        }

        return _reader.TokenType;
    }

    private readonly void Expect(JsonTokenType token, string path, string what)
    {
        if (_reader.TokenType != token)
        {
            throw Fail(UploadFormatError.InvalidField, path, $"expected {what}, found {Describe(_reader.TokenType)}");
        }
    }

    private readonly bool IsClientIdProperty() =>
        _reader.ValueTextEquals("client_id"u8) || _reader.ValueTextEquals("clientId"u8);

    private readonly bool IsTransactionIdProperty() =>
        _reader.ValueTextEquals("transaction_id"u8) || _reader.ValueTextEquals("tx_id"u8) || _reader.ValueTextEquals("transactionId"u8);

    private readonly bool PeekIsNonNumericString()
    {
        var peek = _reader;
        if (!peek.Read() || peek.TokenType != JsonTokenType.String)
        {
            return false;
        }

        try
        {
            return !TryParseDigits(peek.GetString()!, out _);
        }
        catch (InvalidOperationException)
        {
            // Invalid text is not a number; reading it for real reports it.
            return true;
        }
    }

    private readonly void EnsureSingleContainer(bool alreadySeen)
    {
        if (alreadySeen)
        {
            throw Fail(UploadFormatError.InvalidField, "$", "the request has both 'transactions' and 'batch'; send one");
        }
    }

    private readonly void RequireNoVerb(string path)
    {
        if (_verb is not null)
        {
            throw Fail(UploadFormatError.InvalidField, path, $"a {_verb.Value.ToString().ToUpperInvariant()} request carries one entry; send batches with POST");
        }
    }

    /// <summary>
    /// Parses text made only of ASCII digits. <see cref="long.TryParse(string?, NumberStyles, IFormatProvider?, out long)"/>
    /// alone is not enough: it accepts trailing NUL characters, so "9\0" would pass for a number.
    /// </summary>
    private static bool TryParseDigits(string text, out long number)
    {
        number = 0;
        return text.Length > 0 && text.All(char.IsAsciiDigit) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }

    private static string Truncate(string text) => text.Length <= 32 ? text : text[..32] + "…";

    /// <summary>The fields of one entry as read so far, in any order and under any alias.</summary>
    private struct EntryFields
    {
        public CrudOperation? Operation;
        public string? Table;
        public string? Id;
        public CrudData? Data;
        public string? DataField;
        public CrudData? Previous;
        public string? Metadata;
        public long? OperationId;
        public long? TransactionId;
        public string? ClientId;

        public readonly CrudEntry Build(ref UploadReader reader)
        {
            var operation = Operation ?? reader._verb
                ?? throw reader.Fail(UploadFormatError.MissingField, reader.EntryPath("op"), "the entry has no 'op'");
            if (reader._verb is { } verb && verb != operation)
            {
                throw reader.Fail(UploadFormatError.InvalidField, reader.EntryPath("op"), $"the entry says {operation.ToString().ToUpperInvariant()} but the request method is {verb.ToString().ToUpperInvariant()}");
            }

            var table = Table ?? throw reader.Fail(UploadFormatError.MissingField, reader.EntryPath("table"), "the entry has no 'table' (or 'type')");
            var data = Data ?? CrudData.Empty;
            var id = Id;
            if (data.TryGetValue("id", out var dataId))
            {
                // The per-verb shape carries the id inside data; the row id is never a data column.
                var idInData = dataId.Kind switch
                {
                    CrudValueKind.Text => dataId.AsText(),
                    CrudValueKind.Integer => dataId.AsInteger().ToString(CultureInfo.InvariantCulture),
                    _ => throw reader.Fail(UploadFormatError.InvalidField, reader.EntryPath(DataField) + ".id", "the row id must be a string or a whole number"),
                };
                if (id is not null && !string.Equals(id, idInData, StringComparison.Ordinal))
                {
                    throw reader.Fail(UploadFormatError.InvalidField, reader.EntryPath(DataField) + ".id", $"'{Truncate(idInData)}' differs from the entry's id '{Truncate(id)}'");
                }

                id = idInData;
                data = data.Without("id");
            }

            if (id is null)
            {
                throw reader.Fail(UploadFormatError.MissingField, reader.EntryPath("id"), "the entry has no row 'id'");
            }

            return new CrudEntry(operation, table, id)
            {
                Data = operation == CrudOperation.Delete ? CrudData.Empty : data,
                Previous = Previous,
                Metadata = Metadata,
                OperationId = OperationId,
                TransactionId = TransactionId,
            };
        }
    }
}
