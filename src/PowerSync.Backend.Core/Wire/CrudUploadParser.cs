using System.Buffers;
using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Core.Wire;

/// <summary>
/// Reads every request shape PowerSync clients send (reference <c>transactions</c>, classic <c>batch</c>,
/// bare entry arrays and single per-verb entries) with all field aliases, within <see cref="UploadLimits"/>.
/// </summary>
/// <remarks>
/// A forward-only <see cref="System.Text.Json.Utf8JsonReader"/> walk: no reflection binding, no DOM, one
/// allocation per string value. Any problem raises <see cref="UploadFormatException"/> before anything
/// is returned, so a bad request can never be half-applied. Instances are immutable and thread-safe.
/// </remarks>
public sealed class CrudUploadParser
{
    private const int ReadChunkSize = 16 * 1024;

    private readonly UploadLimits _limits;

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>Creates a parser with the given limits.</summary>
    /// <param name="limits">The limits; copied, so later changes do not affect this parser.</param>
    public CrudUploadParser(UploadLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxTransactions, 1, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxEntries, 1, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxBytes, 2, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxDepth, 6, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limits.MaxBytes, Array.MaxLength, nameof(limits));
        _limits = new UploadLimits
        {
            MaxTransactions = limits.MaxTransactions,
            MaxEntries = limits.MaxEntries,
            MaxBytes = limits.MaxBytes,
            MaxDepth = limits.MaxDepth,
        };
    }

    /// <summary>The largest request body this parser accepts, in bytes, so hosts can refuse a larger <c>Content-Length</c> before reading.</summary>
    public long MaxBytes => _limits.MaxBytes;

    /// <summary>Parses a UTF-8 request body.</summary>
    /// <param name="utf8Json">The body; a leading UTF-8 byte order mark is ignored.</param>
    /// <param name="operation">
    /// The operation implied by the HTTP verb for the per-operation shape (<c>PUT|PATCH|DELETE /api/data</c>);
    /// <see langword="null"/> for <c>POST</c>.
    /// </param>
    /// <returns>The transactions the body holds.</returns>
    /// <exception cref="UploadFormatException">The body is malformed, incomplete or past a limit.</exception>
    public ParsedUpload Parse(ReadOnlySpan<byte> utf8Json, CrudOperation? operation = null)
    {
        if (utf8Json.Length > _limits.MaxBytes)
        {
            throw TooLarge(utf8Json.Length);
        }

        // RFC 8259 lets parsers ignore a byte order mark, which some .NET writers emit.
        if (utf8Json.StartsWith(Utf8ByteOrderMark))
        {
            utf8Json = utf8Json[Utf8ByteOrderMark.Length..];
        }

        var reader = new UploadReader(utf8Json, _limits, operation);
        return reader.Read();
    }

    /// <summary>
    /// Reads a request body from a stream and parses it. Reading stops as soon as the body passes
    /// <see cref="UploadLimits.MaxBytes"/>, so an oversized body is never buffered whole.
    /// </summary>
    /// <param name="body">The body stream.</param>
    /// <param name="operation">The operation implied by the HTTP verb, as for <see cref="Parse"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The transactions the body holds.</returns>
    /// <exception cref="UploadFormatException">The body is malformed, incomplete or past a limit.</exception>
    public async ValueTask<ParsedUpload> ParseAsync(Stream body, CrudOperation? operation = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var buffer = ArrayPool<byte>.Shared.Rent(ReadChunkSize);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    buffer = Grow(buffer, length);
                }

                // Never ask for more than one byte past the limit: a rented buffer may be larger than requested.
                var wanted = (int)Math.Min(buffer.Length - length, _limits.MaxBytes + 1 - length);
                var read = await body.ReadAsync(buffer.AsMemory(length, wanted), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > _limits.MaxBytes)
                {
                    throw TooLarge(length);
                }
            }

            return Parse(buffer.AsSpan(0, length), operation);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private byte[] Grow(byte[] buffer, int length)
    {
        // One byte past the limit is enough to know the body is too large.
        var size = (int)Math.Min((long)buffer.Length * 2, _limits.MaxBytes + 1);
        var larger = ArrayPool<byte>.Shared.Rent(size);
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }

    private UploadFormatException TooLarge(long length) =>
        new(UploadFormatError.BodyTooLarge, "$", $"the request body is larger than the limit of {_limits.MaxBytes} bytes (read {length})");
}
