using System.Buffers;

namespace SlmMesh.Transport.Framing;

/// <summary>An <see cref="IBufferWriter{T}"/> over arrays rented from the shared pool.</summary>
internal sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    private const int InitialSize = 512;
    private byte[]? _array = ArrayPool<byte>.Shared.Rent(InitialSize);

    public int WrittenCount { get; private set; }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (WrittenCount + count > Array.Length)
        {
            throw new InvalidOperationException("Advanced past the end of the buffer.");
        }

        WrittenCount += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return Array.AsMemory(WrittenCount);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return Array.AsSpan(WrittenCount);
    }

    /// <summary>Hands the array over to the caller, who must return it to the pool.</summary>
    public byte[] Detach(out int length)
    {
        byte[] array = Array;
        length = WrittenCount;
        _array = null;
        WrittenCount = 0;
        return array;
    }

    public void Dispose()
    {
        if (_array is { } array)
        {
            _array = null;
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    private byte[] Array => _array ?? throw new ObjectDisposedException(nameof(PooledBufferWriter));

    private void Ensure(int sizeHint)
    {
        int needed = WrittenCount + Math.Max(sizeHint, 1);
        if (needed <= Array.Length)
        {
            return;
        }

        byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Array.Length * 2));
        Array.AsSpan(0, WrittenCount).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(Array);
        _array = larger;
    }
}
