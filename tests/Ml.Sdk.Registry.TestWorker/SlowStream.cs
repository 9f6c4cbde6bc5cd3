namespace Ml.Sdk.Registry.TestWorker;

/// <summary>An endless read-only stream that hands out 64 KiB per read, 20 ms apart, and reports when reading starts.</summary>
internal sealed class SlowStream : Stream
{
    private readonly Action _started;
    private int _reads;

    public SlowStream(Action started) => _started = started;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        // Reported after the first chunk was handed out, so the writer has a temp file open when the test kills us.
        if (_reads++ == 1)
        {
            _started();
        }

        Thread.Sleep(20);
        int n = Math.Min(buffer.Length, 64 * 1024);
        buffer[..n].Fill(0x5A);
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
