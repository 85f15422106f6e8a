using System.Globalization;

namespace SlmMesh.Reliability.Tests.Support;

/// <summary>Resident memory of a process (Linux /proc/&lt;pid&gt;/status), in MiB: now, and its peak.</summary>
public readonly record struct ProcessMemory(double ResidentMiB, double PeakMiB)
{
    public static ProcessMemory Of(int pid)
    {
        double rss = 0;
        double peak = 0;
        foreach (string line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kib(line) / 1024;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kib(line) / 1024;
            }
        }

        return new ProcessMemory(rss, peak);
    }

    public override string ToString() => $"{ResidentMiB:0} MiB resident (peak {PeakMiB:0} MiB)";

    private static double Kib(string line) =>
        double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
