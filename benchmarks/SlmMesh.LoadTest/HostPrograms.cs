namespace SlmMesh.LoadTest;

/// <summary>The two host programs the <c>hosts</c> scenario measures, found before any scenario runs.</summary>
internal sealed record HostPrograms(HostProgram Mcp, HostProgram Cli)
{
    /// <summary>Both programs, or null with every problem found (each says how to build or name the program).</summary>
    public static HostPrograms? Find(LoadOptions options, out IReadOnlyList<string> problems)
    {
        HostProgram? mcp = HostProgram.Find(options.McpExe, "src/SlmMesh.Hosting.Mcp", "slm-mesh-mcp", "--mcp-exe", out string? mcpProblem);
        HostProgram? cli = HostProgram.Find(options.CliExe, "src/SlmMesh.Cli", "slm-mesh", "--cli-exe", out string? cliProblem);
        problems = [.. new[] { mcpProblem, cliProblem }.OfType<string>()];
        return mcp is not null && cli is not null ? new HostPrograms(mcp, cli) : null;
    }
}
