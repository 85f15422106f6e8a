using System.Text.Json.Nodes;
using SlmMesh.Cli.Hooks;

namespace SlmMesh.Cli.Install;

/// <summary>
/// Where each agent keeps its MCP servers and hooks, and the entries slm-mesh adds there (file formats: docs/CLI.md).
/// Planning reads and parses every file first, so a malformed one stops the installation before anything is written.
/// </summary>
internal static class AgentInstaller
{
    public const string ServerName = "slm-mesh";
    public const string ClaudeCode = "claude-code";
    public const string Cursor = "cursor";
    public const string VsCode = "vscode";
    public const string Windsurf = "windsurf";
    public const string Codex = "codex";

    public static readonly string[] Agents = [ClaudeCode, Cursor, VsCode, Windsurf, Codex];

    /// <summary>The variables Codex forwards to the server (it passes only a few by default).</summary>
    public static readonly string[] ForwardedVariables = [MeshHome.HomeVariable, MeshClientOptions.NameVariable, "SLM_MESH_LOG"];

    public static string DisplayName(string agent) => agent switch
    {
        ClaudeCode => "Claude Code",
        Cursor => "Cursor",
        VsCode => "VS Code",
        Windsurf => "Windsurf",
        Codex => "Codex",
        _ => agent,
    };

    /// <summary>The agent's configuration folder: <c>--config-dir</c>, the agent's own variable, or its default.</summary>
    public static string ConfigFolder(string agent, CliContext context, string? configDir)
    {
        if (configDir is { Length: > 0 })
        {
            return Path.GetFullPath(configDir, context.CurrentDirectory);
        }

        string home = context.UserHome;
        return agent switch
        {
            ClaudeCode => context.Variable("CLAUDE_CONFIG_DIR") ?? Path.Combine(home, ".claude"),
            Cursor => Path.Combine(home, ".cursor"),
            Windsurf => Path.Combine(home, ".codeium", "windsurf"),
            Codex => context.Variable("CODEX_HOME") ?? Path.Combine(home, ".codex"),
            VsCode => VsCodeUserFolder(context),
            _ => throw new ArgumentOutOfRangeException(nameof(agent), agent, "Unknown agent."),
        };
    }

    /// <summary>Whether the agent looks installed for this user (its configuration folder or file exists).</summary>
    public static bool LooksPresent(string agent, CliContext context, string? configDir) =>
        Directory.Exists(ConfigFolder(agent, context, configDir))
        || (agent == ClaudeCode && configDir is null && context.Variable("CLAUDE_CONFIG_DIR") is null && File.Exists(Path.Combine(context.UserHome, ".claude.json")));

    public static InstallPlan Plan(string agent, InstallSettings settings)
    {
        string folder = ConfigFolder(agent, settings.Context, settings.ConfigDir);
        return agent switch
        {
            ClaudeCode => PlanClaudeCode(folder, settings),
            Cursor => PlanJsonServer(agent, Path.Combine(folder, "mcp.json"), "mcpServers", Server(settings, withType: false), ["Restart Cursor (or reload its MCP servers) to load slm-mesh."]),
            Windsurf => PlanJsonServer(agent, Path.Combine(folder, "mcp_config.json"), "mcpServers", Server(settings, withType: false), ["Refresh the MCP servers in Windsurf's Cascade panel to load slm-mesh."]),
            VsCode => PlanJsonServer(agent, Path.Combine(folder, "mcp.json"), "servers", Server(settings, withType: true), ["Reload VS Code (or run 'MCP: List Servers') and start slm-mesh in agent mode."]),
            Codex => PlanCodex(folder, settings),
            _ => throw new ArgumentOutOfRangeException(nameof(agent), agent, "Unknown agent."),
        };
    }

    /// <summary>The hooks Claude Code runs: new messages after each tool and with each prompt; lock checks before file edits.</summary>
    public static IReadOnlyList<HookSpec> ClaudeHooks(string cli) =>
    [
        new(HookEvents.PreToolUse, "Write|Edit|MultiEdit|NotebookEdit", cli + " hook " + HookEvents.PreToolUse),
        new(HookEvents.PostToolUse, null, cli + " hook " + HookEvents.PostToolUse),
        new(HookEvents.UserPromptSubmit, null, cli + " hook " + HookEvents.UserPromptSubmit),
    ];

    /// <summary>Codex's: the same events; its file edits arrive as <c>apply_patch</c>.</summary>
    public static IReadOnlyList<HookSpec> CodexHooks(string cli) =>
    [
        new(HookEvents.PreToolUse, "apply_patch|Edit|Write", cli + " hook " + HookEvents.PreToolUse),
        new(HookEvents.PostToolUse, null, cli + " hook " + HookEvents.PostToolUse),
        new(HookEvents.UserPromptSubmit, null, cli + " hook " + HookEvents.UserPromptSubmit),
    ];

    /// <summary>Codex's table for the server.</summary>
    public static IReadOnlyList<string> CodexServerBody(string command) =>
    [
        "command = " + TomlTable.Quote(command),
        "args = []",
        "env_vars = " + TomlTable.Array(ForwardedVariables),
        "required = true",
        "default_tools_approval_mode = \"approve\"",
    ];

    public static readonly string[] CodexServerKey = ["mcp_servers", ServerName];

    public static string ClaudeMcpFile(string folder, CliContext context, string? configDir) =>
        configDir is null && context.Variable("CLAUDE_CONFIG_DIR") is null ? Path.Combine(context.UserHome, ".claude.json") : Path.Combine(folder, ".claude.json");

    private static InstallPlan PlanClaudeCode(string folder, InstallSettings settings)
    {
        ConfigChange server = ServerChange(ClaudeMcpFile(folder, settings.Context, settings.ConfigDir), "mcpServers", Server(settings, withType: true));
        string settingsPath = Path.Combine(folder, "settings.json");
        string? before = Read(settingsPath);
        JsonObject root = JsonConfig.Parse(settingsPath, before);
        JsonHooks.Apply(root, ClaudeHooks(settings.CliCommand), settingsPath);
        var hooks = new ConfigChange(settingsPath, before, Result(before, root), "hooks PreToolUse, PostToolUse, UserPromptSubmit → " + settings.CliCommand + " hook …");
        return new InstallPlan(ClaudeCode, DisplayName(ClaudeCode), [server, hooks], ["Restart Claude Code (or run /mcp) to load slm-mesh; 'claude mcp list' shows whether it connects."]);
    }

    private static InstallPlan PlanCodex(string folder, InstallSettings settings)
    {
        string configPath = Path.Combine(folder, "config.toml");
        string? config = Read(configPath);
        TomlTable table = TomlTable.Parse(configPath, config);
        string updated = table.WithTable(CodexServerKey, CodexServerBody(settings.McpCommand));
        var changes = new List<ConfigChange>
        {
            new(configPath, config, config is not null && TomlBodyEquals(table, settings.McpCommand) ? config : updated, "[mcp_servers.slm-mesh] → " + settings.McpCommand),
        };
        var notes = new List<string>();
        if (table.AnyLineUnder("hooks", "slm-mesh", " hook "))
        {
            notes.Add($"The slm-mesh hooks are already in {configPath} ([hooks]); hooks.json was left alone.");
        }
        else
        {
            string hooksPath = Path.Combine(folder, "hooks.json");
            string? before = Read(hooksPath);
            JsonObject root = JsonConfig.Parse(hooksPath, before);
            JsonHooks.Apply(root, CodexHooks(settings.CliCommand), hooksPath);
            changes.Add(new ConfigChange(hooksPath, before, Result(before, root), "hooks PreToolUse, PostToolUse, UserPromptSubmit → " + settings.CliCommand + " hook …"));
        }

        notes.Add("Codex runs hooks only once you trust them: start codex and run /hooks to review and trust the slm-mesh hooks (untrusted hooks are skipped silently).");
        notes.Add("Restart Codex to load slm-mesh; 'codex mcp list' shows it.");
        return new InstallPlan(Codex, DisplayName(Codex), changes, notes);
    }

    private static InstallPlan PlanJsonServer(string agent, string path, string container, JsonObject server, IReadOnlyList<string> notes) =>
        new(agent, DisplayName(agent), [ServerChange(path, container, server)], notes);

    private static ConfigChange ServerChange(string path, string container, JsonObject server)
    {
        string? before = Read(path);
        JsonObject root = JsonConfig.Parse(path, before);
        JsonConfig.SetServer(root, container, ServerName, server, path);
        return new ConfigChange(path, before, Result(before, root), $"MCP server {ServerName} → {server["command"]}");
    }

    /// <summary>The new text; the old text itself when nothing changed, so formatting differences never count as a change.</summary>
    private static string Result(string? before, JsonObject root)
    {
        if (before is not null && JsonNode.DeepEquals(JsonConfig.Parse("(before)", before), root))
        {
            return before;
        }

        return JsonConfig.Render(root);
    }

    private static bool TomlBodyEquals(TomlTable table, string command) =>
        table.Body(CodexServerKey) is { } body
        && !table.Contains([.. CodexServerKey, "env"])
        && body.Where(l => l.Trim().Length > 0).Select(l => l.Trim()).SequenceEqual(CodexServerBody(command), StringComparer.Ordinal);

    private static JsonObject Server(InstallSettings settings, bool withType)
    {
        var server = new JsonObject();
        if (withType)
        {
            server["type"] = "stdio";
        }

        server["command"] = settings.McpCommand;
        server["args"] = new JsonArray();
        return server;
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static string VsCodeUserFolder(CliContext context)
    {
        string home = context.UserHome;
        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(context.Variable("APPDATA") ?? Path.Combine(home, "AppData", "Roaming"), "Code", "User");
        }

        if (OperatingSystem.IsMacOS())
        {
            return Path.Combine(home, "Library", "Application Support", "Code", "User");
        }

        return Path.Combine(context.Variable("XDG_CONFIG_HOME") ?? Path.Combine(home, ".config"), "Code", "User");
    }
}
