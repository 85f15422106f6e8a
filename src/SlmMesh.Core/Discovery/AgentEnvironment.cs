namespace SlmMesh.Discovery;

/// <summary>
/// What the environment says about the agent. Researched 2026-11 (docs, changelogs, issue threads,
/// public detectors); "own" signals are set by the agent for its children, "inherited" ones by an
/// editor for everything started inside it, so a terminal agent running there sees them too.
/// <code>
/// variable                                  type         kind       set for
/// CLAUDECODE=1                              claude-code  own        Bash/PowerShell tool, hooks, status line; stdio MCP servers since 2.1.154 (docs: env-vars)
/// CLAUDE_CODE_ENTRYPOINT (cli, sdk-ts,      claude-code  own        the same children (cli, sdk-ts, sdk-py, claude-vscode...)
///   sdk-py, claude-vscode ...)
/// CODEX_SANDBOX (seatbelt),                 codex        own        shell-tool commands only; MCP servers get just HOME, LANG, PATH,
///   CODEX_SANDBOX_NETWORK_DISABLED=1,                               SHELL, TERM and their env table, so a server finds Codex by ancestry
///   CODEX_THREAD_ID
/// CURSOR_AGENT=1                            cursor       own        commands of the cursor-agent CLI (public detectors)
/// CURSOR_TRACE_ID                           cursor       inherited  Cursor's integrated terminal
/// VSCODE_GIT_ASKPASS_MAIN                   cursor/      inherited  editor terminals; the install path names the fork (.cursor-server,
///                                           windsurf                .windsurf-server, Cursor.app, Windsurf.app, cursor/resources)
/// __CFBundleIdentifier (macOS)              cursor/      inherited  apps started from Finder: com.todesktop.230313mzl4w4u92 (Cursor),
///                                           windsurf/vscode         com.exafunction.windsurf, com.microsoft.VSCode(Insiders)
/// TERM_PROGRAM=vscode, VSCODE_PID,          vscode       inherited  VS Code and its forks (terminals; extension hosts and the MCP
///   VSCODE_IPC_HOOK, VSCODE_CWD                                     servers they start get VSCODE_PID/VSCODE_CWD/VSCODE_IPC_HOOK)
/// (none)                                    aider        -          AIDER_* are the user's own settings, exported anywhere: ancestry only
/// </code>
/// </summary>
internal static class AgentEnvironment
{
    /// <summary>The agent type the environment names, and whether the agent set it for its own children.</summary>
    public static (string Type, bool Own)? Classify(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (IsSet(environment, "CLAUDECODE") || Has(environment, "CLAUDE_CODE_ENTRYPOINT"))
        {
            return (AgentTypes.ClaudeCode, true);
        }

        if (Has(environment, "CODEX_SANDBOX") || IsSet(environment, "CODEX_SANDBOX_NETWORK_DISABLED") || Has(environment, "CODEX_THREAD_ID"))
        {
            return (AgentTypes.Codex, true);
        }

        if (IsSet(environment, "CURSOR_AGENT"))
        {
            return (AgentTypes.Cursor, true);
        }

        return Editor(environment) is { } editor ? (editor, false) : null;
    }

    private static string? Editor(IReadOnlyDictionary<string, string> environment)
    {
        if (Has(environment, "CURSOR_TRACE_ID"))
        {
            return AgentTypes.Cursor;
        }

        string? product = ProductFromPath(Get(environment, "VSCODE_GIT_ASKPASS_MAIN")) ?? ProductFromBundle(Get(environment, "__CFBundleIdentifier"));
        if (product is not null)
        {
            return product;
        }

        bool vsCodeFamily = string.Equals(Get(environment, "TERM_PROGRAM"), "vscode", StringComparison.OrdinalIgnoreCase)
            || Has(environment, "VSCODE_PID") || Has(environment, "VSCODE_IPC_HOOK") || Has(environment, "VSCODE_CWD");
        return vsCodeFamily ? AgentTypes.VsCode : null;
    }

    private static string? ProductFromPath(string? path)
    {
        if (path is null)
        {
            return null;
        }

        // Install folders only: a user or project merely named "cursor" must not count.
        string normalized = path.Replace('\\', '/').ToLowerInvariant();
        if (ContainsAny(normalized, "/.cursor-server/", "/cursor.app/", "/cursor/resources/"))
        {
            return AgentTypes.Cursor;
        }

        return ContainsAny(normalized, "/.windsurf-server/", "/windsurf.app/", "/windsurf/resources/") ? AgentTypes.Windsurf : null;
    }

    private static string? ProductFromBundle(string? bundle)
    {
        string lower = bundle?.ToLowerInvariant() ?? string.Empty;
        return lower switch
        {
            _ when lower.Contains("todesktop.230313mzl4w4u92", StringComparison.Ordinal) || lower.Contains("cursor", StringComparison.Ordinal) => AgentTypes.Cursor,
            _ when lower.Contains("windsurf", StringComparison.Ordinal) => AgentTypes.Windsurf,
            _ when lower.StartsWith("com.microsoft.vscode", StringComparison.Ordinal) => AgentTypes.VsCode,
            _ => null,
        };
    }

    private static bool ContainsAny(string text, params ReadOnlySpan<string> fragments)
    {
        foreach (string fragment in fragments)
        {
            if (text.Contains(fragment, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string? Get(IReadOnlyDictionary<string, string> environment, string name) =>
        environment.TryGetValue(name, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static bool Has(IReadOnlyDictionary<string, string> environment, string name) => Get(environment, name) is not null;

    // "0" and "false" switch a flag off; anything else set switches it on.
    private static bool IsSet(IReadOnlyDictionary<string, string> environment, string name) =>
        Get(environment, name) is { } value && value != "0" && !value.Equals("false", StringComparison.OrdinalIgnoreCase);
}
