using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Messages;

/// <summary>Live locks (never expired ones).</summary>
public sealed record LockListResponse : IWireMessage<LockListResponse>
{
    /// <summary>The locks.</summary>
    public IReadOnlyList<LockInfo> Locks { get; init; } = [];

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(1);
        writer.WriteString("locks"u8);
        WireWriter.WriteList(ref writer, Locks);
    }

    /// <inheritdoc />
    public static LockListResponse ReadFrom(ref MessagePackReader reader)
    {
        IReadOnlyList<LockInfo>? locks = null;
        Span<char> field = stackalloc char[WireReader.MaxKeyLength];
        int count = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < count; i++)
        {
            switch (field[..WireReader.ReadKey(ref reader, field)])
            {
                case "locks":
                    locks = WireReader.ReadList<LockInfo>(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new LockListResponse
        {
            Locks = locks ?? [],
        };
    }
}
