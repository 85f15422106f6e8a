using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Messages;

/// <summary>What a clean pruned.</summary>
public sealed record CleanResponse : IWireMessage<CleanResponse>
{
    /// <summary>Read or expired message copies removed.</summary>
    public long MessagesPruned { get; init; }

    /// <summary>Old events removed.</summary>
    public long EventsPruned { get; init; }

    /// <summary>Expired locks removed.</summary>
    public long LocksExpired { get; init; }

    /// <summary>Database plus WAL size before.</summary>
    public long DatabaseBytesBefore { get; init; }

    /// <summary>Database plus WAL size after.</summary>
    public long DatabaseBytesAfter { get; init; }

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(5);
        writer.WriteString("messagesPruned"u8);
        writer.Write(MessagesPruned);
        writer.WriteString("eventsPruned"u8);
        writer.Write(EventsPruned);
        writer.WriteString("locksExpired"u8);
        writer.Write(LocksExpired);
        writer.WriteString("databaseBytesBefore"u8);
        writer.Write(DatabaseBytesBefore);
        writer.WriteString("databaseBytesAfter"u8);
        writer.Write(DatabaseBytesAfter);
    }

    /// <inheritdoc />
    public static CleanResponse ReadFrom(ref MessagePackReader reader)
    {
        long messagesPruned = 0;
        long eventsPruned = 0;
        long locksExpired = 0;
        long databaseBytesBefore = 0;
        long databaseBytesAfter = 0;
        Span<char> field = stackalloc char[WireReader.MaxKeyLength];
        int count = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < count; i++)
        {
            switch (field[..WireReader.ReadKey(ref reader, field)])
            {
                case "messagesPruned":
                    messagesPruned = WireReader.ReadInt64(ref reader);
                    break;
                case "eventsPruned":
                    eventsPruned = WireReader.ReadInt64(ref reader);
                    break;
                case "locksExpired":
                    locksExpired = WireReader.ReadInt64(ref reader);
                    break;
                case "databaseBytesBefore":
                    databaseBytesBefore = WireReader.ReadInt64(ref reader);
                    break;
                case "databaseBytesAfter":
                    databaseBytesAfter = WireReader.ReadInt64(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new CleanResponse
        {
            MessagesPruned = messagesPruned,
            EventsPruned = eventsPruned,
            LocksExpired = locksExpired,
            DatabaseBytesBefore = databaseBytesBefore,
            DatabaseBytesAfter = databaseBytesAfter,
        };
    }
}
