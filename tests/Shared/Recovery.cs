using System.Globalization;

namespace SlmMesh.Testing;

/// <summary>How long clients may take to be back after a broker is killed (SLM_MESH_RECOVERY_BOUND_MS, default 2000).</summary>
public static class Recovery
{
    public static long BoundMs { get; } =
        long.TryParse(Environment.GetEnvironmentVariable("SLM_MESH_RECOVERY_BOUND_MS"), NumberStyles.None, CultureInfo.InvariantCulture, out long bound) && bound > 0 ? bound : 2000;
}
