namespace SlmMesh.Cli.Install;

/// <summary>What an installation writes and where: the commands to register and the agent's configuration folder.</summary>
/// <param name="Context">Environment and user home (fake ones in tests).</param>
/// <param name="ConfigDir">Overrides the agent's configuration folder (<c>--config-dir</c>).</param>
/// <param name="McpCommand">The MCP server command (absolute path or a command on PATH).</param>
/// <param name="CliCommand">How hooks run this CLI, shell-quoted.</param>
internal sealed record InstallSettings(CliContext Context, string? ConfigDir, string McpCommand, string CliCommand);
