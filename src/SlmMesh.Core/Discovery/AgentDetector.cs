using System.Collections;

namespace SlmMesh.Discovery;

/// <summary>
/// Decides which agent launched this process. The nearest ancestor that is a terminal agent
/// (claude-code, codex, aider) wins: the environment can be inherited from an outer agent, the
/// process tree cannot. Then the agent's own variables (see <see cref="AgentEnvironment"/>), then an
/// editor ancestor, then an editor's inherited variables, then the caller's fallback.
/// </summary>
internal static class AgentDetector
{
    /// <summary>Pure: decides from an environment snapshot and an ancestry (the process itself first).</summary>
    /// <param name="environment">Environment variables (the caller picks the key comparison).</param>
    /// <param name="ancestry">From <see cref="ProcessTree.GetAncestry"/>; may be empty.</param>
    /// <param name="fallbackType">The type when nothing matches, such as <see cref="AgentTypes.Dotnet"/>.</param>
    /// <returns>
    /// The type and the agent's pid: the matching ancestor's; for an environment-only match the nearest
    /// ancestor that is not a shell or package runner, else the parent; with no match, the process itself
    /// (this process's id when the ancestry is empty).
    /// </returns>
    public static AgentIdentity Detect(IReadOnlyDictionary<string, string> environment, IReadOnlyList<ProcessEntry> ancestry, string fallbackType)
    {
        ArgumentNullException.ThrowIfNull(ancestry);
        ArgumentException.ThrowIfNullOrWhiteSpace(fallbackType);
        (string Type, bool Own)? fromEnvironment = AgentEnvironment.Classify(environment);
        (string Type, int ProcessId)? nearest = NearestAgent(ancestry);

        if (nearest is { } terminal && AgentTypes.IsTerminalAgent(terminal.Type))
        {
            return new AgentIdentity(terminal.Type, terminal.ProcessId);
        }

        if (fromEnvironment is { Own: true } own)
        {
            return new AgentIdentity(own.Type, PlausibleAgent(ancestry));
        }

        if (nearest is { } editor)
        {
            // Cursor and Windsurf keep VS Code's names in places; their own variables are more specific.
            bool refine = editor.Type == AgentTypes.VsCode && fromEnvironment is { Type: AgentTypes.Cursor or AgentTypes.Windsurf };
            return new AgentIdentity(refine ? fromEnvironment!.Value.Type : editor.Type, editor.ProcessId);
        }

        if (fromEnvironment is { } inherited)
        {
            return new AgentIdentity(inherited.Type, PlausibleAgent(ancestry));
        }

        return new AgentIdentity(fallbackType, ancestry.Count > 0 ? ancestry[0].ProcessId : Environment.ProcessId);
    }

    /// <summary>Detects from this process's real environment and <see cref="ProcessTree.GetAncestry"/>.</summary>
    public static AgentIdentity DetectCurrent(string fallbackType) =>
        Detect(CurrentEnvironment(), ProcessTree.GetAncestry(Environment.ProcessId), fallbackType);

    private static (string Type, int ProcessId)? NearestAgent(IReadOnlyList<ProcessEntry> ancestry)
    {
        // The process itself (index 0) is the host, never its own agent.
        for (int i = 1; i < ancestry.Count; i++)
        {
            if (AgentProcessMatcher.Match(ancestry[i]) is { } type)
            {
                return (type, ancestry[i].ProcessId);
            }
        }

        return null;
    }

    private static int PlausibleAgent(IReadOnlyList<ProcessEntry> ancestry)
    {
        for (int i = 1; i < ancestry.Count; i++)
        {
            // pid 1 is init: a name match may pick it, a guess may not.
            if (ancestry[i].ProcessId > 1 && !AgentProcessMatcher.IsLauncher(ancestry[i]))
            {
                return ancestry[i].ProcessId;
            }
        }

        return ancestry.Count > 1 ? ancestry[1].ProcessId : ancestry.Count > 0 ? ancestry[0].ProcessId : Environment.ProcessId;
    }

    private static Dictionary<string, string> CurrentEnvironment()
    {
        var environment = new Dictionary<string, string>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string key && variable.Value is string value)
            {
                environment[key] = value;
            }
        }

        return environment;
    }
}
