namespace SlmMesh.LoadTest;

/// <summary>What one <c>slm-mesh</c> process did, and how long it took from spawn to exit (<see cref="System.Diagnostics.Stopwatch"/> ticks).</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error, long Ticks);
