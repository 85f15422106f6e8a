using System.Globalization;

namespace SlmMesh.Testing;

/// <summary>
/// Counts in the multi-process and reliability tests are modest so CI stays within minutes;
/// <c>SLM_MESH_TEST_SCALE</c> (default 1) multiplies them for a soak.
/// </summary>
public static class Scale
{
    public static int Factor { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("SLM_MESH_TEST_SCALE"), NumberStyles.None, CultureInfo.InvariantCulture, out int factor) && factor > 0 ? factor : 1;

    public static int Of(int count) => count * Factor;
}
