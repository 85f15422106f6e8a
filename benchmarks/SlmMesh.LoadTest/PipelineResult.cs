namespace SlmMesh.LoadTest;

/// <summary>How many operations completed in how long.</summary>
internal readonly record struct PipelineResult(long Completed, TimeSpan Elapsed)
{
    public double PerSecond => Completed / Elapsed.TotalSeconds;
}
