using System.Reflection;

namespace SlmMesh.Hosting.Mcp;

/// <summary>The server's name and version as MCP clients see them.</summary>
internal static class HostInfo
{
    public const string ServerName = "slm-mesh";

    public static string Version { get; } =
        typeof(HostInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
