using System.CommandLine;
using System.CommandLine.Invocation;
using SlmMesh.Cli.Commands;
using SlmMesh.Cli.Output;

namespace SlmMesh.Cli;

/// <summary>The command line: parses, reports usage errors (exit 2) and runs the command. Testable in-process.</summary>
internal static class Cli
{
    /// <summary>Runs one invocation of <c>slm-mesh</c> and returns its exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context)
    {
        // The hook runs on every tool call of every agent: skip building and parsing the command tree for it.
        if (args is [HookCommand.Name, { } eventName] && !eventName.StartsWith('-'))
        {
            return await HookCommand.RunAsync(context, eventName, context.Cancellation);
        }

        var kit = new CommandKit(context);
        RootCommand root = CommandTree.Build(kit);
        ParseResult result = root.Parse(args);
        if (result.Action is ParseErrorAction)
        {
            var output = new CliOutput(context, result.GetValue(kit.Json));
            string command = string.Join(' ', ["slm-mesh", .. CommandPath(result.CommandResult.Command)]);
            return output.Fail(ExitCodes.Usage, "usage", string.Join(" ", result.Errors.Select(e => e.Message)), $"Run '{command} --help' for usage.");
        }

        var invocation = new InvocationConfiguration
        {
            Output = context.Output,
            Error = context.Error,

            // Ctrl-C belongs to the context's token (Program wires it), so in-process runs behave like real ones.
            ProcessTerminationTimeout = null,
            EnableDefaultExceptionHandler = false,
        };
        int code = await result.InvokeAsync(invocation, context.Cancellation);
        await context.Output.FlushAsync(CancellationToken.None);
        return code;
    }

    private static Stack<string> CommandPath(Command command)
    {
        var names = new Stack<string>();
        for (Symbol? symbol = command; symbol is Command { } current && current is not RootCommand; symbol = current.Parents.FirstOrDefault())
        {
            names.Push(current.Name);
        }

        return names;
    }
}
