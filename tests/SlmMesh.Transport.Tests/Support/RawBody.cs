using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Tests.Support;

/// <summary>A body given as already-encoded MessagePack: lets tests echo or forge bodies byte for byte.</summary>
internal sealed class RawBody(ReadOnlyMemory<byte> bytes) : IWireWritable
{
    public ReadOnlyMemory<byte> Bytes { get; } = bytes;

    public void WriteTo(ref MessagePackWriter writer) => writer.WriteRaw(Bytes.Span);
}
