using System.Globalization;
using System.Text;
using System.Text.Json;
using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Core.Wire;

/// <summary>One pass over one request body; see <see cref="CrudUploadParser"/>.</summary>
internal ref partial struct UploadReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _json;
    private readonly UploadLimits _limits;
    private readonly CrudOperation? _verb;
    private Utf8JsonReader _reader;
    private List<KeyValuePair<string, CrudValue>>? _columns;
    private List<(byte[] Utf8, string Text)>? _names;
    private RequestShape? _shape;
    private int _transactionIndex;
    private int _entryIndex;
    private int _entryCount;

    public UploadReader(ReadOnlySpan<byte> json, UploadLimits limits, CrudOperation? verb)
    {
        _json = json;
        _limits = limits;
        _verb = verb;
        // One level of slack so that our own depth check, which names the path, fires first.
        _reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = limits.MaxDepth + 1 });
        _transactionIndex = -1;
        _entryIndex = -1;
    }

    public ParsedUpload Read()
    {
        try
        {
            return ReadDocument();
        }
        catch (JsonException exception)
        {
            throw new UploadFormatException(
                UploadFormatError.MalformedJson,
                EntryPath(null),
                $"malformed JSON at line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}",
                TransactionIndexOrNull,
                EntryIndexOrNull,
                exception);
        }
    }

    private readonly int? TransactionIndexOrNull => _transactionIndex >= 0 ? _transactionIndex : null;

    private readonly int? EntryIndexOrNull => _entryIndex >= 0 ? _entryIndex : null;

    private ParsedUpload ReadDocument()
    {
        // The reader treats a body of only whitespace as malformed; it is an empty request.
        if (_json.TrimStart(" \t\r\n"u8).IsEmpty || !_reader.Read())
        {
            throw Fail(UploadFormatError.Empty, "$", "the request body is empty");
        }

        ParsedUpload upload;
        switch (_reader.TokenType)
        {
            case JsonTokenType.StartArray:
                _shape = RequestShape.EntryArray;
                RequireNoVerb("$");
                var entries = ReadEntryArray("$");
                upload = new ParsedUpload(RequestShape.EntryArray, null, GroupByTransaction(entries), _entryCount);
                break;
            case JsonTokenType.StartObject:
                upload = ReadRootObject();
                break;
            default:
                throw Fail(UploadFormatError.InvalidField, "$", $"expected a JSON object or array, found {Describe(_reader.TokenType)}");
        }

        // Trailing content after the document makes the reader throw, which reports malformed JSON.
        if (_reader.Read())
        {
            throw Fail(UploadFormatError.MalformedJson, "$", "unexpected content after the JSON document");
        }

        if (upload.EntryCount == 0 && upload.Transactions.Count == 0)
        {
            throw Fail(UploadFormatError.Empty, "$", "the request holds no transactions or entries");
        }

        return upload;
    }

    private ParsedUpload ReadRootObject()
    {
        string? clientId = null;
        List<CrudTransaction>? transactions = null;
        List<CrudEntry>? batch = null;
        var single = new EntryFields();
        var sawEntryField = false;

        while (NextProperty())
        {
            if (_reader.ValueTextEquals("transactions"u8))
            {
                EnsureSingleContainer(transactions is not null || batch is not null);
                _shape = RequestShape.Transactions;
                RequireNoVerb("$.transactions");
                Advance();
                transactions = ReadTransactions();
            }
            else if (_reader.ValueTextEquals("batch"u8))
            {
                EnsureSingleContainer(transactions is not null || batch is not null);
                _shape = RequestShape.Batch;
                RequireNoVerb("$.batch");
                Advance();
                batch = ReadEntryArray("$.batch");
            }
            else if (IsClientIdProperty() && PeekIsNonNumericString())
            {
                // At the root, a textual client_id is the PowerSync client id; a number is an entry's op id.
                Advance();
                clientId = GetText();
            }
            else
            {
                var shape = _shape;
                _shape ??= RequestShape.SingleEntry;
                if (TryReadEntryField(ref single))
                {
                    sawEntryField = true;
                }
                else
                {
                    SkipValue();
                }

                _shape = shape;
            }
        }

        if (transactions is not null)
        {
            return new ParsedUpload(RequestShape.Transactions, clientId, transactions, _entryCount);
        }

        if (batch is not null)
        {
            return new ParsedUpload(RequestShape.Batch, clientId, GroupByTransaction(batch), _entryCount);
        }

        if (!sawEntryField)
        {
            throw Fail(UploadFormatError.MissingField, "$.transactions", "the request has no 'transactions' or 'batch' array and is not a single entry");
        }

        _shape = RequestShape.SingleEntry;
        _entryIndex = 0;
        _entryCount = 1;
        var entry = single.Build(ref this);
        return new ParsedUpload(RequestShape.SingleEntry, clientId ?? single.ClientId, [new CrudTransaction(entry.TransactionId, [entry])], 1);
    }

    private List<CrudTransaction> ReadTransactions()
    {
        Expect(JsonTokenType.StartArray, "$.transactions", "an array");
        var transactions = new List<CrudTransaction>();
        while (Advance() != JsonTokenType.EndArray)
        {
            _transactionIndex = transactions.Count;
            var path = TransactionPath();
            if (transactions.Count == _limits.MaxTransactions)
            {
                throw Fail(UploadFormatError.LimitExceeded, path, $"more than {_limits.MaxTransactions} transactions in one request");
            }

            Expect(JsonTokenType.StartObject, path, "an object");
            transactions.Add(ReadTransaction(path));
        }

        _transactionIndex = -1;
        if (transactions.Count == 0)
        {
            throw Fail(UploadFormatError.Empty, "$.transactions", "the request holds no transactions");
        }

        return transactions;
    }

    private CrudTransaction ReadTransaction(string path)
    {
        long? transactionId = null;
        List<CrudEntry>? entries = null;
        while (NextProperty())
        {
            if (_reader.ValueTextEquals("crud"u8))
            {
                Advance();
                entries = ReadEntryArray(path + ".crud");
            }
            else if (IsTransactionIdProperty())
            {
                var field = GetText();
                Advance();
                transactionId = ReadOptionalInt64(field);
            }
            else
            {
                SkipValue();
            }
        }

        if (entries is null)
        {
            throw Fail(UploadFormatError.MissingField, path + ".crud", "the transaction has no 'crud' array");
        }

        // Entries inherit the transaction's id; a transaction without one takes its entries'.
        transactionId ??= entries.Count > 0 ? entries[0].TransactionId : null;
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].TransactionId is null && transactionId is not null)
            {
                entries[i] = entries[i] with { TransactionId = transactionId };
            }
        }

        return new CrudTransaction(transactionId, entries);
    }

    private List<CrudEntry> ReadEntryArray(string path)
    {
        Expect(JsonTokenType.StartArray, path, "an array");
        var entries = new List<CrudEntry>();
        while (Advance() != JsonTokenType.EndArray)
        {
            _entryIndex = entries.Count;
            if (_entryCount == _limits.MaxEntries)
            {
                throw Fail(UploadFormatError.LimitExceeded, EntryPath(null), $"more than {_limits.MaxEntries} entries in one request");
            }

            Expect(JsonTokenType.StartObject, EntryPath(null), "an entry object");
            _entryCount++;
            entries.Add(ReadEntry());
        }

        _entryIndex = -1;
        return entries;
    }

    private CrudEntry ReadEntry()
    {
        var fields = new EntryFields();
        while (NextProperty())
        {
            if (!TryReadEntryField(ref fields))
            {
                SkipValue();
            }
        }

        return fields.Build(ref this);
    }

    private static List<CrudTransaction> GroupByTransaction(List<CrudEntry> entries)
    {
        // Consecutive entries with the same tx_id form one client transaction; entries without any
        // tx_id (hand-written connectors) stay together, as the client completes them as one batch.
        var transactions = new List<CrudTransaction>();
        var start = 0;
        for (var i = 1; i <= entries.Count; i++)
        {
            if (i == entries.Count || entries[i].TransactionId != entries[start].TransactionId)
            {
                transactions.Add(new CrudTransaction(entries[start].TransactionId, entries.GetRange(start, i - start)));
                start = i;
            }
        }

        return transactions;
    }

    private readonly string TransactionPath() =>
        "$.transactions[" + _transactionIndex.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>The path of the current entry, or outside entries of the current transaction or the root; plus <paramref name="field"/>.</summary>
    private readonly string EntryPath(string? field)
    {
        var index = _entryIndex.ToString(CultureInfo.InvariantCulture);
        var entry = _shape switch
        {
            _ when _entryIndex < 0 => _shape == RequestShape.Transactions && _transactionIndex >= 0 ? TransactionPath() : "$",
            RequestShape.Transactions => TransactionPath() + ".crud[" + index + "]",
            RequestShape.Batch => "$.batch[" + index + "]",
            RequestShape.EntryArray => "$[" + index + "]",
            _ => "$",
        };
        return field is null ? entry : entry + PathMember(field);
    }

    private static string PathMember(string name)
    {
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return "['" + name.Replace("'", "\\'", StringComparison.Ordinal) + "']";
            }
        }

        return "." + name;
    }

    private readonly UploadFormatException Fail(UploadFormatError error, string path, string reason) =>
        new(error, path, reason, TransactionIndexOrNull, EntryIndexOrNull);

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    private readonly string Utf8(int start, int length)
    {
        try
        {
            return StrictUtf8.GetString(_json.Slice(start, length));
        }
        catch (DecoderFallbackException exception)
        {
            throw InvalidText(exception);
        }
    }

    /// <summary>Gets the current string value or property name; text that is not valid Unicode is malformed JSON.</summary>
    /// <summary>
    /// Reads a string that recurs across entries (column and table names) through a small cache, so that an
    /// upload allocates each name once instead of once per entry.
    /// </summary>
    private string ReadName()
    {
        if (_reader.ValueIsEscaped)
        {
            return GetText();
        }

        var raw = _reader.ValueSpan;
        _names ??= [];
        foreach (var (utf8, text) in _names)
        {
            if (raw.SequenceEqual(utf8))
            {
                return text;
            }
        }

        var name = GetText();
        if (_names.Count < 256)
        {
            _names.Add((raw.ToArray(), name));
        }

        return name;
    }

    private readonly string GetText()
    {
        try
        {
            return _reader.GetString()!;
        }
        catch (InvalidOperationException exception)
        {
            // Utf8JsonReader leaves invalid UTF-8 and unpaired surrogate escapes to GetString.
            throw InvalidText(exception);
        }
    }

    private readonly UploadFormatException InvalidText(Exception exception) =>
        new(UploadFormatError.MalformedJson, EntryPath(null), "a string is not valid UTF-8 or holds an unpaired surrogate escape", TransactionIndexOrNull, EntryIndexOrNull, exception);
}
