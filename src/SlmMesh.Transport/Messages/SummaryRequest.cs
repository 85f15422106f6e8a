using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Messages;

/// <summary>Sets the calling peer's summary.</summary>
public sealed record SummaryRequest : IWireMessage<SummaryRequest>
{
    /// <summary>What the agent works on (at most 2500 characters).</summary>
    public string Summary { get; init; } = string.Empty;

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(1);
        writer.WriteString("summary"u8);
        writer.Write(Summary);
    }

    /// <inheritdoc />
    public static SummaryRequest ReadFrom(ref MessagePackReader reader)
    {
        string summary = string.Empty;
        Span<char> field = stackalloc char[WireReader.MaxKeyLength];
        int count = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < count; i++)
        {
            switch (field[..WireReader.ReadKey(ref reader, field)])
            {
                case "summary":
                    summary = WireReader.ReadString(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new SummaryRequest
        {
            Summary = summary,
        };
    }
}
