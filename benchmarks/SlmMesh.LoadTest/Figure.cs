namespace SlmMesh.LoadTest;

/// <summary>One measured number. <see cref="Key"/> is stable (for JSON consumers); <see cref="Label"/> is for people.</summary>
internal sealed record Figure(string Key, string Label, double Value, string Unit, Goal? Goal = null);
