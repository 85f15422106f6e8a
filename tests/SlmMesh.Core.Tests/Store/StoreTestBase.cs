using Microsoft.Extensions.Logging.Abstractions;
using SlmMesh.Store;

namespace SlmMesh.Core.Tests.Store;

/// <summary>A store on a real file in a temp folder, and builders for the rows it keeps.</summary>
public abstract class StoreTestBase : IDisposable
{
    private MeshStore? _store;

    internal TempFolder Folder { get; } = new();

    internal string DatabasePath => Folder.File("mesh.db");

    internal MeshStore Store => _store ??= MeshStore.Open(DatabasePath, NullLogger.Instance);

    /// <summary>Closes the store so the next use of <see cref="Store"/> opens the file again.</summary>
    internal void Reopen()
    {
        _store?.Dispose();
        _store = null;
    }

    internal static MeshMessage Message(string id, string to, long createdAt = 1_000, string from = "sender", long expiresAt = long.MaxValue) => new()
    {
        Id = id,
        From = from,
        FromName = from + "-name",
        To = to,
        Type = "text",
        Payload = "payload of " + id,
        CreatedAt = createdAt,
        ExpiresAt = expiresAt,
    };

    internal static PeerInfo Peer(string id, long connectedAt) => new()
    {
        Id = id,
        Name = id + "-name",
        AgentType = "claude-code",
        ProcessId = 100,
        AgentProcessId = 99,
        Cwd = "/src/" + id,
        GitRoot = "/src",
        GitBranch = "main",
        Summary = "working on " + id,
        ConnectedAt = connectedAt,
        LastSeen = connectedAt + 5,
    };

    internal static StateEntry Entry(string ns, string key, string value, long version) => new()
    {
        Namespace = ns,
        Key = key,
        Value = value,
        Version = version,
        UpdatedBy = "peer-1",
        UpdatedAt = 1_000 + version,
    };

    public void Dispose()
    {
        _store?.Dispose();
        Folder.Dispose();
        GC.SuppressFinalize(this);
    }
}
