namespace SlmMesh.Discovery;

/// <summary>
/// Recognises an agent's process by its name or command line. Program names match whole (after
/// dropping the folder and an extension), never as a substring: "code" is VS Code, "vscode-json-server"
/// and "Xcode" are not; "codex" is not "code".
/// </summary>
internal static class AgentProcessMatcher
{
    private static readonly Dictionary<string, string> Programs = new(StringComparer.Ordinal)
    {
        ["claude"] = AgentTypes.ClaudeCode,
        ["claude-code"] = AgentTypes.ClaudeCode,
        ["codex"] = AgentTypes.Codex,
        ["aider"] = AgentTypes.Aider,
        ["cursor"] = AgentTypes.Cursor,
        ["cursor-agent"] = AgentTypes.Cursor,
        ["windsurf"] = AgentTypes.Windsurf,
        ["code"] = AgentTypes.VsCode,
        ["code-insiders"] = AgentTypes.VsCode,
        ["code-oss"] = AgentTypes.VsCode,
        ["code - oss"] = AgentTypes.VsCode,
        ["codium"] = AgentTypes.VsCode,
        ["vscodium"] = AgentTypes.VsCode,
        ["code-server"] = AgentTypes.VsCode,
        ["code-tunnel"] = AgentTypes.VsCode,
    };

    // Install-path fragments of agents that run as node/bun/electron scripts. Terminal agents come
    // first: the Claude Code extension runs from inside ~/.vscode-server/extensions/.
    private static readonly (string Fragment, string Type)[] PathFragments =
    [
        ("/@anthropic-ai/claude-code/", AgentTypes.ClaudeCode),
        ("/claude-code/cli.js", AgentTypes.ClaudeCode),
        ("/anthropic.claude-code-", AgentTypes.ClaudeCode),
        ("/claude/versions/", AgentTypes.ClaudeCode),
        ("/@openai/codex/", AgentTypes.Codex),
        ("/.cursor-server/", AgentTypes.Cursor),
        ("/cursor.app/", AgentTypes.Cursor),
        ("/.windsurf-server/", AgentTypes.Windsurf),
        ("/windsurf.app/", AgentTypes.Windsurf),
        ("/.vscode-server/", AgentTypes.VsCode),
        ("/.vscode-server-insiders/", AgentTypes.VsCode),
        ("/visual studio code.app/", AgentTypes.VsCode),
    ];

    // Processes between an agent and its host that are never the agent itself.
    private static readonly HashSet<string> Launchers = new(StringComparer.Ordinal)
    {
        "sh", "bash", "zsh", "fish", "dash", "ksh", "mksh", "tcsh", "csh", "nu", "cmd", "powershell", "pwsh",
        "conhost", "env", "nohup", "timeout", "sudo", "doas", "script", "npx", "npm", "npx-cli", "npm-cli",
        "pnpm", "pnpx", "yarn", "bunx", "uv", "uvx", "pipx", "corepack", "dotnet",
    };

    private static readonly HashSet<string> Interpreters = new(StringComparer.Ordinal)
    {
        "node", "nodejs", "bun", "deno", "python", "python3", "ruby",
    };

    /// <summary>The agent type <paramref name="entry"/> is, or null.</summary>
    public static string? Match(ProcessEntry entry)
    {
        string? line = Normalize(entry.CommandLine);

        // Claude Desktop also starts MCP servers but is not one of our agent types.
        if (line is not null && (line.Contains("/claude.app/", StringComparison.Ordinal) || line.Contains("/anthropicclaude/", StringComparison.Ordinal)))
        {
            return null;
        }

        return MatchProgram(entry.Name) ?? MatchArguments(line) ?? MatchFragments(line);
    }

    /// <summary>Whether <paramref name="entry"/> is a shell or package runner rather than an agent.</summary>
    public static bool IsLauncher(ProcessEntry entry)
    {
        string name = Stem(entry.Name);
        if (Launchers.Contains(name))
        {
            return true;
        }

        return Interpreters.Contains(name) && Arguments(Normalize(entry.CommandLine)).Skip(1).Take(1).Any(a => Launchers.Contains(Stem(a)));
    }

    /// <summary>A program name to an agent type: exact names, plus the prefixes of truncated or helper names.</summary>
    public static string? MatchProgram(string name)
    {
        string stem = Stem(name);
        if (Programs.TryGetValue(stem, out string? type))
        {
            return type;
        }

        // The native Codex binary is codex-<target triple> (Linux truncates comm to 15 chars);
        // macOS editor helpers are "Code Helper (Plugin)", "Cursor Helper (Renderer)"...
        if (stem.StartsWith("codex-", StringComparison.Ordinal))
        {
            return AgentTypes.Codex;
        }

        int helper = stem.IndexOf(" helper", StringComparison.Ordinal);
        return helper > 0 && Programs.TryGetValue(stem[..helper], out type) && !AgentTypes.IsTerminalAgent(type) ? type : null;
    }

    // argv[0] and the first two non-option arguments: `node .../bin/codex`, `python3 -m aider`.
    private static string? MatchArguments(string? line)
    {
        foreach (string argument in Arguments(line).Take(3))
        {
            if (MatchProgram(argument) is { } type)
            {
                return type;
            }
        }

        return null;
    }

    private static string? MatchFragments(string? line)
    {
        if (line is null)
        {
            return null;
        }

        foreach ((string fragment, string type) in PathFragments)
        {
            if (line.Contains(fragment, StringComparison.Ordinal))
            {
                return type;
            }
        }

        return null;
    }

    private static IEnumerable<string> Arguments(string? line) =>
        line is null ? [] : line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(a => !a.StartsWith('-'));

    private static string? Normalize(string? commandLine) =>
        string.IsNullOrWhiteSpace(commandLine) ? null : commandLine.Replace('\\', '/').ToLowerInvariant();

    // "/usr/bin/Code.exe" -> "code"; "codex.js" -> "codex"; "Code Helper (Plugin)" stays whole.
    private static string Stem(string name)
    {
        string stem = name.Replace('\\', '/').Trim();
        stem = stem[(stem.LastIndexOf('/') + 1)..].ToLowerInvariant();
        foreach (string extension in (ReadOnlySpan<string>)[".exe", ".cmd", ".js", ".cjs", ".mjs", ".py"])
        {
            if (stem.EndsWith(extension, StringComparison.Ordinal))
            {
                return stem[..^extension.Length];
            }
        }

        return stem;
    }
}
