using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Messages;

/// <summary>A body with no fields, for requests and acknowledgements that carry nothing.</summary>
public sealed record EmptyBody : IWireMessage<EmptyBody>
{
    /// <summary>The one instance.</summary>
    public static EmptyBody Instance { get; } = new();

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(0);
    }

    /// <inheritdoc />
    public static EmptyBody ReadFrom(ref MessagePackReader reader)
    {
        int count = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < count; i++)
        {
            WireReader.Skip(ref reader);
            WireReader.Skip(ref reader);
        }

        return Instance;
    }
}
