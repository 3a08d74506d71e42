using System.Globalization;
using System.Text.Json;
using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Core.Wire;

/// <summary>Entry fields, their aliases and column values.</summary>
internal ref partial struct UploadReader
{
    /// <summary>Reads the current property if it is an entry field (any alias); false leaves it unread.</summary>
    private bool TryReadEntryField(ref EntryFields fields)
    {
        var name = _reader.GetString()!;
        switch (name)
        {
            case "op":
                Advance();
                fields.Operation = ReadOperation(EntryPath(name));
                return true;
            case "type" or "table":
                Advance();
                fields.Table = ReadRequiredText(EntryPath(name));
                return true;
            case "id":
                Advance();
                fields.Id = ReadId(EntryPath(name));
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
                fields.Metadata = ReadMetadata(EntryPath(name));
                return true;
            case "op_id" or "clientId" or "client_id":
                if (PeekIsNonNumericString())
                {
                    // A UUID here is the PowerSync client id (single-entry bodies), not a queue id.
                    Advance();
                    fields.ClientId = _reader.GetString();
                }
                else
                {
                    Advance();
                    fields.OperationId = ReadOptionalInt64(EntryPath(name));
                }

                return true;
            case "tx_id" or "transactionId" or "transaction_id":
                Advance();
                fields.TransactionId = ReadOptionalInt64(EntryPath(name));
                return true;
            default:
                return false;
        }
    }

    private CrudOperation? ReadOperation(string path)
    {
        if (_reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (_reader.TokenType != JsonTokenType.String)
        {
            throw Fail(UploadFormatError.InvalidField, path, $"expected the operation as a string, found {Describe(_reader.TokenType)}");
        }

        var text = _reader.GetString()!;
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

        throw Fail(UploadFormatError.UnknownOperation, path, $"unknown operation '{Truncate(text)}' (expected PUT, PATCH or DELETE)");
    }

    private string? ReadRequiredText(string path)
    {
        return _reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => _reader.GetString() is { Length: > 0 } text
                ? text
                : throw Fail(UploadFormatError.InvalidField, path, "must not be empty"),
            _ => throw Fail(UploadFormatError.InvalidField, path, $"expected a string, found {Describe(_reader.TokenType)}"),
        };
    }

    private string? ReadId(string path)
    {
        return _reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => _reader.GetString() is { Length: > 0 } text
                ? text
                : throw Fail(UploadFormatError.InvalidField, path, "the row id must not be empty"),
            // Numeric ids become their JSON text: 42 → "42".
            JsonTokenType.Number => Utf8((int)_reader.TokenStartIndex, _reader.ValueSpan.Length),
            _ => throw Fail(UploadFormatError.InvalidField, path, $"expected the row id as a string or number, found {Describe(_reader.TokenType)}"),
        };
    }

    private string? ReadMetadata(string path)
    {
        return _reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => _reader.GetString(),
            JsonTokenType.StartObject or JsonTokenType.StartArray => CaptureContainer(path),
            _ => Utf8((int)_reader.TokenStartIndex, _reader.ValueSpan.Length),
        };
    }

    private long? ReadOptionalInt64(string path)
    {
        switch (_reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when _reader.TryGetInt64(out var number):
                return number;
            case JsonTokenType.String when long.TryParse(_reader.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                throw Fail(UploadFormatError.InvalidField, path, "expected a whole number");
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

        var columns = new List<KeyValuePair<string, CrudValue>>();
        while (NextProperty())
        {
            var column = _reader.GetString()!;
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
                return CrudValue.FromText(_reader.GetString());
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

    /// <summary>Skips the current value, checking the depth limit so that the error names the path.</summary>
    private void SkipValue()
    {
        Advance();
        if (_reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            SkipContainer(_shape is null ? "$" : EntryPath(null));
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
            throw Fail(UploadFormatError.MalformedJson, _shape is null ? "$" : EntryPath(null), "the JSON document ends early");
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
        return peek.Read() && peek.TokenType == JsonTokenType.String
            && !long.TryParse(peek.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out _);
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
