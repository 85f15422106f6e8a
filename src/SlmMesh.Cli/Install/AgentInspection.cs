using System.Text.Json.Nodes;

namespace SlmMesh.Cli.Install;

/// <summary>What <c>doctor</c> finds in an agent's configuration.</summary>
/// <param name="ServerRegistered">An <c>slm-mesh</c> MCP server entry exists.</param>
/// <param name="HooksRegistered">The hooks are registered (null: the agent has no hooks).</param>
/// <param name="UpToDate">A fresh <c>install</c> would change nothing.</param>
/// <param name="RegisteredCommand">The server command as registered, if any.</param>
internal sealed record AgentInspection(bool ServerRegistered, bool? HooksRegistered, bool UpToDate, string? RegisteredCommand)
{
    /// <exception cref="InstallException">A configuration file is malformed.</exception>
    public static AgentInspection Inspect(string agent, InstallSettings settings)
    {
        InstallPlan plan = AgentInstaller.Plan(agent, settings);
        string folder = AgentInstaller.ConfigFolder(agent, settings.Context, settings.ConfigDir);
        switch (agent)
        {
            case AgentInstaller.Codex:
            {
                ConfigChange config = plan.Changes[0];
                TomlTable table = TomlTable.Parse(config.Path, config.Before);
                string? command = table.Body(AgentInstaller.CodexServerKey)?
                    .Select(l => l.Trim())
                    .FirstOrDefault(l => l.StartsWith("command", StringComparison.Ordinal) && l[7..].TrimStart().StartsWith('='))?
                    .Split('=', 2)[1].Trim().Trim('"');
                bool hooks = table.AnyLineUnder("hooks", "slm-mesh", " hook ")
                    || (plan.Changes.Count > 1 && JsonHooks.AreInstalled(JsonConfig.Parse(plan.Changes[1].Path, plan.Changes[1].Before), AgentInstaller.CodexHooks(settings.CliCommand)))
                    || (plan.Changes.Count > 1 && HasAnyOurs(plan.Changes[1], settings.CliCommand));
                return new AgentInspection(table.Contains(AgentInstaller.CodexServerKey), hooks, !plan.Changed, command);
            }

            case AgentInstaller.ClaudeCode:
            {
                JsonObject? server = ServerEntry(plan.Changes[0], "mcpServers");
                ConfigChange settingsFile = plan.Changes[1];
                return new AgentInspection(server is not null, HasAnyOurs(settingsFile, settings.CliCommand), !plan.Changed, Command(server));
            }

            default:
            {
                JsonObject? server = ServerEntry(plan.Changes[0], agent == AgentInstaller.VsCode ? "servers" : "mcpServers");
                return new AgentInspection(server is not null, null, !plan.Changed, Command(server));
            }
        }
    }

    private static JsonObject? ServerEntry(ConfigChange file, string container) =>
        JsonConfig.Parse(file.Path, file.Before)[container] is JsonObject servers ? servers[AgentInstaller.ServerName] as JsonObject : null;

    private static bool HasAnyOurs(ConfigChange file, string cli) =>
        JsonConfig.Parse(file.Path, file.Before)["hooks"] is JsonObject hooks
        && hooks.Any(e => e.Value is JsonArray groups && groups.OfType<JsonObject>().Any(g =>
            g["hooks"] is JsonArray entries && entries.OfType<JsonObject>().Any(h => h["command"] is JsonValue v && v.TryGetValue(out string? c) && JsonHooks.IsOurs(c, cli))));

    private static string? Command(JsonObject? server) => server?["command"] is JsonValue value && value.TryGetValue(out string? text) ? text : null;
}
