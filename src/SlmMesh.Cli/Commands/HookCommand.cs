using System.CommandLine;
using SlmMesh.Cli.Hooks;

namespace SlmMesh.Cli.Commands;

/// <summary>
/// <c>hook &lt;event&gt;</c>: the entry Claude Code and Codex hooks run. Reads the hook JSON on stdin and prints
/// exactly the JSON the agent expects, or nothing. Always exits 0: a hook must never break its agent.
/// </summary>
internal static class HookCommand
{
    public const string Name = "hook";

    public static Command Create(CommandKit kit)
    {
        var eventName = new Argument<string>("event") { Description = "PreToolUse, PostToolUse, UserPromptSubmit or SessionStart (the agent's hook event)." };
        var command = new Command(Name, "Answer an agent hook: new messages as context (PostToolUse, UserPromptSubmit, SessionStart); deny edits to files another peer has locked (PreToolUse).") { eventName };
        command.SetAction((result, cancellationToken) => RunAsync(kit.Context, result.GetValue(eventName) ?? string.Empty, cancellationToken));
        return command;
    }

    /// <summary>The whole hook, also reachable without the parser (the fast path in <see cref="Cli"/>).</summary>
    public static async Task<int> RunAsync(CliContext context, string eventName, CancellationToken cancellationToken)
    {
        try
        {
            string stdin = await context.Input.ReadToEndAsync(cancellationToken);
            string? reply = await HookRunner.RunAsync(context, eventName, stdin, cancellationToken);
            if (reply is not null)
            {
                await context.Output.WriteAsync(reply + "\n");
                await context.Output.FlushAsync(cancellationToken);
            }
        }
#pragma warning disable CA1031 // The contract: whatever goes wrong, the agent carries on as if no hook ran.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        return ExitCodes.Ok;
    }
}
