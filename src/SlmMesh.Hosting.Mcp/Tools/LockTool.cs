using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SlmMesh.Hosting.Mcp.Delivery;
using SlmMesh.Hosting.Mcp.Json;

namespace SlmMesh.Hosting.Mcp.Tools;

/// <summary><c>mesh_lock</c>.</summary>
[McpServerToolType]
internal sealed class LockTool
{
    public const int MaxWaitSeconds = 120;

    [McpServerTool(Name = "mesh_lock", Title = "Advisory file locks", OpenWorld = false)]
    [Description("Advisory locks on files, folders or globs (src/auth/**) shared by all coding agents on this machine. Before editing a file others may touch: action=query to see who holds what; action=lock while you edit it; action=unlock when done. A lock held by another agent is refused at once (error code locked, naming the holder and its reason) unless waitSeconds lets you queue; then message the holder instead of editing. Locks expire after ttlMinutes and end when their holder exits.")]
    public static Task<CallToolResult> RunAsync(
        AgentSession session,
        [Description("lock, unlock or query.")] string action,
        [Description("A file, folder or glob; relative paths are resolved against your working folder. Required for lock and unlock; for query, omit to list every lock.")] string? filePath = null,
        [Description("Why you lock it (shown to agents that run into it).")] string? reason = null,
        [Description("Time to live, 1-60 minutes (default 10). Locking again renews.")] int? ttlMinutes = null,
        [Description("How long to wait for a conflicting lock to end, 0-120 seconds (default 0: fail at once).")] int? waitSeconds = null,
        CancellationToken cancellationToken = default) =>
        session.RunAsync(
            async (client, ct) =>
            {
                string chosen = ToolArguments.Choice(action, "action", string.Empty, "lock", "unlock", "query");
                switch (chosen)
                {
                    case "lock":
                    {
                        string path = ToolArguments.Required(filePath, "filePath", "to lock");
                        int ttl = ToolArguments.Range(ttlMinutes, "ttlMinutes", (int)LockLimits.DefaultTtl.TotalMinutes, (int)LockLimits.MinTtl.TotalMinutes, (int)LockLimits.MaxTtl.TotalMinutes);
                        int wait = ToolArguments.Range(waitSeconds, "waitSeconds", 0, 0, MaxWaitSeconds);
                        LockInfo held = await client.AcquireLockAsync(
                            path,
                            string.IsNullOrWhiteSpace(reason) ? null : reason,
                            TimeSpan.FromMinutes(ttl),
                            wait > 0 ? TimeSpan.FromSeconds(wait) : null,
                            ct).ConfigureAwait(false);
                        return new LockResult(chosen) { Lock = LockView.Of(held, session.Time) };
                    }

                    case "unlock":
                    {
                        string path = ToolArguments.Required(filePath, "filePath", "to unlock");
                        bool released = await client.ReleaseLockAsync(path, ct).ConfigureAwait(false);
                        return new LockResult(chosen) { Path = path, Released = released };
                    }

                    case "query":
                    {
                        IReadOnlyList<LockInfo> locks = await client.QueryLocksAsync(string.IsNullOrWhiteSpace(filePath) ? null : filePath, ct).ConfigureAwait(false);
                        return new LockResult(chosen) { Path = filePath, Count = locks.Count, Locks = [.. locks.Select(l => LockView.Of(l, session.Time))] };
                    }

                    default:
                        throw ToolArguments.Invalid("'action' is required: lock, unlock or query.");
                }
            },
            cancellationToken);
}
