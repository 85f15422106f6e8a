using System.Reflection;

namespace SlmMesh.Cli;

/// <summary>The CLI's version (the informational version without the commit suffix).</summary>
internal static class CliVersion
{
    public static readonly string Current =
        typeof(CliVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
