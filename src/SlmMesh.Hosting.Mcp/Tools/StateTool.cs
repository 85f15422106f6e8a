using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SlmMesh.Hosting.Mcp.Delivery;
using SlmMesh.Hosting.Mcp.Json;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Hosting.Mcp.Tools;

/// <summary><c>mesh_state</c>.</summary>
[McpServerToolType]
internal sealed class StateTool
{
    [McpServerTool(Name = "mesh_state", Title = "Shared key-value state", OpenWorld = false)]
    [Description("Shared key-value notes all coding agents on this machine can read and write: decisions, contracts, who owns what (e.g. key \"api/version\" = \"v2\"). action=get|set|list|delete. Every write bumps the key's version; pass expectedVersion (0 = must not exist yet) to avoid overwriting someone else's change, and a conflict tells you the current version.")]
    public static Task<CallToolResult> RunAsync(
        AgentSession session,
        [Description("get, set, list or delete.")] string action,
        [Description("The key (required for get, set, delete); for list, an optional key prefix.")] string? key = null,
        [Description("The value to store (set only; at most 64 KiB).")] string? value = null,
        [Description("The namespace (default \"default\"); for list, omit to list every namespace.")] string? @namespace = null,
        [Description("set/delete only if the key is at this version (0: only if it does not exist).")] long? expectedVersion = null,
        CancellationToken cancellationToken = default) =>
        session.RunAsync(
            async (client, ct) =>
            {
                string chosen = ToolArguments.Choice(action, "action", string.Empty, "get", "set", "list", "delete");
                string? space = string.IsNullOrWhiteSpace(@namespace) ? null : @namespace;
                switch (chosen)
                {
                    case "get":
                    {
                        StateEntry? entry = await client.GetStateAsync(ToolArguments.Required(key, "key", "to get"), space, ct).ConfigureAwait(false);
                        return new StateResult(chosen) { Found = entry is not null, Entry = entry is null ? null : StateView.Of(entry) };
                    }

                    case "set":
                    {
                        string name = ToolArguments.Required(key, "key", "to set");
                        StateEntry entry = await client.SetStateAsync(name, value ?? throw ToolArguments.Invalid("'value' is required to set."), space, expectedVersion, ct).ConfigureAwait(false);
                        return new StateResult(chosen) { Entry = StateView.Of(entry) };
                    }

                    case "list":
                    {
                        IReadOnlyList<StateEntry> entries = await client.ListStateAsync(space, string.IsNullOrEmpty(key) ? null : key, ct).ConfigureAwait(false);
                        return new StateResult(chosen) { Count = entries.Count, Entries = [.. entries.Select(StateView.Of)] };
                    }

                    case "delete":
                    {
                        StateDeleteResponse deleted = await client.DeleteStateAsync(ToolArguments.Required(key, "key", "to delete"), space, expectedVersion, ct).ConfigureAwait(false);
                        return new StateResult(chosen) { Deleted = deleted.Deleted, Version = deleted.Version };
                    }

                    default:
                        throw ToolArguments.Invalid("'action' is required: get, set, list or delete.");
                }
            },
            cancellationToken);
}
