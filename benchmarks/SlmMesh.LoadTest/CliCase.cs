namespace SlmMesh.LoadTest;

/// <summary>
/// One <c>slm-mesh</c> invocation to time: its arguments and stdin, and the right answer (exit 0 and output
/// containing <see cref="Expected"/>; null: no output at all, as a hook that has nothing to say).
/// <see cref="Before"/> runs before each invocation, untimed.
/// </summary>
internal sealed record CliCase(string Key, string Label, string[] Arguments, string Stdin, string? Expected, Goal? Goal = null, Func<Task>? Before = null);
