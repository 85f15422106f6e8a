using SlmMesh.Cli.Mesh;
using SlmMesh.Cli.Output;

namespace SlmMesh.Cli.Hooks;

/// <summary>
/// Answers one agent hook. It acts for the agent's own peer (the broker checks that the peer's agent process is
/// an ancestor of this one), never starts a broker, and gives up quietly: any failure means no output, so a
/// broken mesh can never break the agent.
/// </summary>
internal static class HookRunner
{
    /// <summary>How long the whole hook may take before it gives up and prints nothing.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    private const int MaxMessages = 10;

    /// <summary>The JSON to print, or null to print nothing.</summary>
    public static async Task<string?> RunAsync(CliContext context, string eventArgument, string stdin, CancellationToken cancellationToken)
    {
        HookInput? input = HookInput.Parse(stdin, context.CurrentDirectory);
        if (input is null)
        {
            return null;
        }

        // hookEventName must match the event the agent fired: the payload's name wins over the registration's.
        string? eventName = HookEvents.Normalize(input.EventName ?? eventArgument);
        if (eventName is null || (eventName == HookEvents.PreToolUse && (!input.IsFileEdit || input.FilePaths.Count == 0)))
        {
            return null;
        }

        if (!MeshConnector.LooksRunning(context.Home))
        {
            return null;
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Budget);
        return eventName == HookEvents.PreToolUse
            ? await CheckLocksAsync(context, input, budget.Token)
            : await DeliverMessagesAsync(context, eventName, input, budget.Token);
    }

    private static async Task<string?> DeliverMessagesAsync(CliContext context, string eventName, HookInput input, CancellationToken cancellationToken)
    {
        MeshClient? client = await AttachAsync(context, input, cancellationToken);
        if (client is null)
        {
            return null;
        }

        await using (client)
        {
            IReadOnlyList<MeshMessage> unread = await client.ReadInboxAsync(unreadOnly: true, limit: MaxMessages, acknowledge: false, cancellationToken: cancellationToken);
            if (unread.Count == 0)
            {
                return null;
            }

            (string text, int count) = HookReplies.MessagesText(unread);

            // Only what fits is acknowledged; the rest comes with the next hook or tool result.
            await client.AcknowledgeAsync(unread.Take(count).Select(m => m.Id), cancellationToken);
            return HookReplies.Context(eventName, text);
        }
    }

    private static async Task<string?> CheckLocksAsync(CliContext context, HookInput input, CancellationToken cancellationToken)
    {
        // Without a peer of its own (no mesh MCP server in this agent), every lock is someone else's.
        MeshClient? client = await AttachAsync(context, input, cancellationToken)
            ?? await MeshClient.ConnectAsync(Options(context, input, MeshClientRole.Observer), cancellationToken);
        await using (client)
        {
            string self = client.PeerId;
            var conflicts = new List<(string File, LockInfo Lock)>();
            foreach (string file in input.FilePaths)
            {
                foreach (LockInfo held in await client.QueryLocksAsync(file, cancellationToken))
                {
                    if (!string.Equals(held.HolderId, self, StringComparison.Ordinal))
                    {
                        conflicts.Add((file, held));
                    }
                }
            }

            return conflicts.Count == 0 ? null : HookReplies.Deny(HookReplies.DenyReason(conflicts, Formats.Now));
        }
    }

    /// <summary>Connects as the agent's peer; null when no peer's agent process is an ancestor of this one.</summary>
    private static async Task<MeshClient?> AttachAsync(CliContext context, HookInput input, CancellationToken cancellationToken)
    {
        try
        {
            return await MeshClient.ConnectAsync(Options(context, input, MeshClientRole.AgentHelper), cancellationToken);
        }
        catch (MeshException ex) when (ex.Code is MeshErrorCode.NotFound or MeshErrorCode.Unauthorized)
        {
            return null;
        }
    }

    private static MeshClientOptions Options(CliContext context, HookInput input, MeshClientRole role) => new()
    {
        Home = context.Home.Directory,
        Cwd = input.Cwd,
        Role = role,
        ClientName = MeshConnector.ClientName + " hook",
        AutoStart = false,
        Reconnect = false,
        AutoAcknowledge = false,
        ConnectTimeout = TimeSpan.FromSeconds(1),
        RequestTimeout = TimeSpan.FromSeconds(2),
    };
}
