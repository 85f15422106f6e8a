using System.CommandLine;
using Microsoft.Extensions.Logging;

namespace SlmMesh.Cli.Commands;

/// <summary>
/// The hidden <c>broker</c> command: the body of the detached broker process that <c>start</c> and every
/// auto-starting command launch (<see cref="ProcessBrokerLauncher"/> runs this program again with it).
/// </summary>
internal static class BrokerCommand
{
    public const string Name = "broker";

    public static Command Create(CommandKit kit)
    {
        var idle = new Option<int?>("--idle-shutdown") { Description = "Seconds to wait after the last peer leaves (default 60; 0 = never)." };
        var command = new Command(Name, "Run the broker (used by auto-start).") { Hidden = true, Options = { idle } };
        command.SetAction(async (result, cancellationToken) =>
        {
            var options = new MeshBrokerOptions { Home = kit.Context.Home.Directory };
            if (result.GetValue(idle) is { } seconds)
            {
                options.IdleShutdown = seconds > 0 ? TimeSpan.FromSeconds(seconds) : Timeout.InfiniteTimeSpan;
            }

            int code = await MeshBrokerProcess.RunAsync(options, detach: true, LogLevel(kit.Context), cancellationToken);
            return code == 0 ? ExitCodes.Ok : ExitCodes.Error;
        });
        return command;
    }

    /// <summary>The extra arguments that pass <paramref name="idleSeconds"/> to a launched broker.</summary>
    public static IReadOnlyList<string> Arguments(int? idleSeconds) =>
        idleSeconds is { } seconds ? ["--idle-shutdown", StartCommand.Seconds(seconds)] : [];

    /// <summary>The broker log level from <c>SLM_MESH_LOG</c> (trace, debug, information, warning, error, critical, none).</summary>
    public static LogLevel LogLevel(CliContext context) =>
        context.Variable("SLM_MESH_LOG")?.Trim().ToUpperInvariant() switch
        {
            "TRACE" => Microsoft.Extensions.Logging.LogLevel.Trace,
            "DEBUG" => Microsoft.Extensions.Logging.LogLevel.Debug,
            "WARNING" or "WARN" => Microsoft.Extensions.Logging.LogLevel.Warning,
            "ERROR" => Microsoft.Extensions.Logging.LogLevel.Error,
            "CRITICAL" => Microsoft.Extensions.Logging.LogLevel.Critical,
            "NONE" => Microsoft.Extensions.Logging.LogLevel.None,
            _ => Microsoft.Extensions.Logging.LogLevel.Information,
        };
}
