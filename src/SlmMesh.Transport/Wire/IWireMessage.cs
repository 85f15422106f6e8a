using MessagePack;

namespace SlmMesh.Transport.Wire;

/// <summary>
/// A protocol message that can be written and read back. Readers ignore map keys they do not know,
/// which is what lets newer peers add fields without breaking older ones.
/// </summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
public interface IWireMessage<TSelf> : IWireWritable
    where TSelf : IWireMessage<TSelf>
{
    /// <summary>Reads one value written by <see cref="IWireWritable.WriteTo"/>.</summary>
    /// <param name="reader">The reader positioned at the value.</param>
    /// <returns>The decoded value.</returns>
    static abstract TSelf ReadFrom(ref MessagePackReader reader);
}
