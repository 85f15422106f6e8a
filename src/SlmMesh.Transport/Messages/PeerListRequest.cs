using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Messages;

/// <summary>Lists peers in a scope.</summary>
public sealed record PeerListRequest : IWireMessage<PeerListRequest>
{
    /// <summary>machine, directory or repo.</summary>
    public string Scope { get; init; } = string.Empty;

    /// <summary>Whether to include the calling peer.</summary>
    public bool IncludeSelf { get; init; }

    /// <summary>For a connection without a peer: the folder the scope is relative to.</summary>
    public string? Cwd { get; init; }

    /// <summary>For a connection without a peer: the git root the repo scope uses.</summary>
    public string? GitRoot { get; init; }

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(4);
        writer.WriteString("scope"u8);
        writer.Write(Scope);
        writer.WriteString("includeSelf"u8);
        writer.Write(IncludeSelf);
        writer.WriteString("cwd"u8);
        writer.Write(Cwd);
        writer.WriteString("gitRoot"u8);
        writer.Write(GitRoot);
    }

    /// <inheritdoc />
    public static PeerListRequest ReadFrom(ref MessagePackReader reader)
    {
        string scope = string.Empty;
        bool includeSelf = false;
        string? cwd = null;
        string? gitRoot = null;
        Span<char> field = stackalloc char[WireReader.MaxKeyLength];
        int count = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < count; i++)
        {
            switch (field[..WireReader.ReadKey(ref reader, field)])
            {
                case "scope":
                    scope = WireReader.ReadString(ref reader);
                    break;
                case "includeSelf":
                    includeSelf = WireReader.ReadBoolean(ref reader);
                    break;
                case "cwd":
                    cwd = WireReader.ReadNullableString(ref reader);
                    break;
                case "gitRoot":
                    gitRoot = WireReader.ReadNullableString(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new PeerListRequest
        {
            Scope = scope,
            IncludeSelf = includeSelf,
            Cwd = cwd,
            GitRoot = gitRoot,
        };
    }
}
