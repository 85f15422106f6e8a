using Microsoft.Extensions.Logging;

namespace SlmMesh.Hosting.Mcp.Lifecycle;

/// <summary>Logs go to stderr only (stdout is the MCP channel), at the level named by <c>SLM_MESH_LOG</c>.</summary>
internal static class HostLogging
{
    public const string LevelVariable = "SLM_MESH_LOG";

    public static LogLevel LevelFromEnvironment(LogLevel fallback) =>
        Environment.GetEnvironmentVariable(LevelVariable)?.Trim().ToLowerInvariant() switch
        {
            "trace" => LogLevel.Trace,
            "debug" => LogLevel.Debug,
            "info" or "information" => LogLevel.Information,
            "warn" or "warning" => LogLevel.Warning,
            "error" => LogLevel.Error,
            "critical" => LogLevel.Critical,
            "none" or "off" => LogLevel.None,
            _ => fallback,
        };

    public static ILoggingBuilder AddStandardError(this ILoggingBuilder logging, LogLevel level)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(level);
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        return logging;
    }
}
