using System.Buffers;

namespace SlmMesh.Transport.Tests.Support;

/// <summary>Builds a <see cref="ReadOnlySequence{T}"/> from many segments, as a socket read delivers them.</summary>
internal static class Segments
{
    public static ReadOnlySequence<byte> Split(byte[] bytes, params int[] sizes)
    {
        var pieces = new List<byte[]>();
        int offset = 0;
        foreach (int size in sizes)
        {
            pieces.Add(bytes[offset..(offset + size)]);
            offset += size;
        }

        pieces.Add(bytes[offset..]);
        return Chain(pieces);
    }

    public static ReadOnlySequence<byte> EveryByte(byte[] bytes) => Chain(bytes.Select(b => new[] { b }).ToList());

    private static ReadOnlySequence<byte> Chain(List<byte[]> pieces)
    {
        var first = new Segment(pieces[0], 0);
        Segment last = first;
        foreach (byte[] piece in pieces.Skip(1))
        {
            last = last.Append(piece);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
