using System.Diagnostics;

namespace SlmMesh.Core.Tests.Store;

/// <summary>A measurement, not a benchmark: prints the figure and asserts only that the work was done.</summary>
public sealed class MeshStoreThroughputTests : StoreTestBase
{
    [Fact]
    public void Measure_inserts_per_second_in_batches_of_100()
    {
        const int Total = 100_000;
        const int BatchSize = 100;
        MeshMessage template = Message("m", "bob") with { Payload = new string('x', 200) };
        var stopwatch = Stopwatch.StartNew();
        for (int batch = 0; batch < Total / BatchSize; batch++)
        {
            Store.BeginBatch();
            for (int i = 0; i < BatchSize; i++)
            {
                Store.InsertMessage(template with { Id = $"m{batch}-{i}" });
            }

            Store.CommitBatch();
        }

        stopwatch.Stop();

        Assert.Equal(Total, Store.CountMessages());
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{Total:N0} message inserts in batches of {BatchSize}: {stopwatch.Elapsed.TotalMilliseconds:N0} ms, {Total / stopwatch.Elapsed.TotalSeconds:N0} inserts/s");
    }
}
