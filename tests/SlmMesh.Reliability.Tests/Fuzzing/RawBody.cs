using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Reliability.Tests.Fuzzing;

/// <summary>A body that is already encoded MessagePack, written as is.</summary>
public sealed class RawBody(byte[] bytes) : IWireWritable
{
    public void WriteTo(ref MessagePackWriter writer) => writer.WriteRaw(bytes);
}
