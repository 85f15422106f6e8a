using MessagePack;

namespace SlmMesh.Transport.Wire;

/// <summary>A value with a hand-written MessagePack form (no reflection, safe under Native AOT).</summary>
public interface IWireWritable
{
    /// <summary>Writes this value as one MessagePack object (a map for every protocol message).</summary>
    /// <param name="writer">The writer to append to.</param>
    void WriteTo(ref MessagePackWriter writer);
}
