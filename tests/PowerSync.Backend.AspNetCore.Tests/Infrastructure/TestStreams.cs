using Microsoft.AspNetCore.Http;

namespace PowerSync.Backend.AspNetCore.Tests.Infrastructure;

/// <summary>Request bodies that count what the server reads, never end, block, or fail like the server would.</summary>
public sealed class TestBodyStream : Stream
{
    private readonly Func<Memory<byte>, CancellationToken, ValueTask<int>> _read;

    private TestBodyStream(Func<Memory<byte>, CancellationToken, ValueTask<int>> read) => _read = read;

    public long BytesRead { get; private set; }

    public TaskCompletionSource ReadStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Whitespace for ever.</summary>
    public static TestBodyStream Endless() => new((buffer, _) =>
    {
        buffer.Span.Fill((byte)' ');
        return ValueTask.FromResult(buffer.Length);
    });

    /// <summary>Never yields a byte; waits for the request to be aborted.</summary>
    public static TestBodyStream Blocking() => new(async (_, token) =>
    {
        await Task.Delay(Timeout.Infinite, token);
        return 0;
    });

    /// <summary>Fails as Kestrel does when a body passes its own limit.</summary>
    public static TestBodyStream ServerRefuses(int statusCode) => new((_, _) => throw new BadHttpRequestException("refused by the server", statusCode));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ReadStarted.TrySetResult();
        var read = await _read(buffer, cancellationToken);
        BytesRead += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("read asynchronously");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
