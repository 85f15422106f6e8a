namespace SlmMesh.Cli.Install;

/// <summary>The files an installation changes and what to tell the user afterwards.</summary>
internal sealed record InstallPlan(string Agent, string DisplayName, IReadOnlyList<ConfigChange> Changes, IReadOnlyList<string> Notes)
{
    public bool Changed => Changes.Any(c => c.Changed);
}
