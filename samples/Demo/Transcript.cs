using System.Diagnostics;

namespace SlmMesh.Samples.Demo;

/// <summary>Prints what happens, one line per step, with the time since the start.</summary>
internal sealed class Transcript(TextWriter output)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();

    public void Line(string who, string what)
    {
        lock (_gate)
        {
            output.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:0.000}s] {who,-8} {what}");
        }
    }

    public void Text(string text)
    {
        lock (_gate)
        {
            output.WriteLine(text);
        }
    }
}
