using System.Globalization;
using System.Text;

namespace SlmMesh.Cli.Install;

/// <summary>
/// A unified diff of a configuration change. The installer's edits are local (one entry), so a single hunk
/// around the changed lines — common head and tail trimmed — shows them exactly without a full diff algorithm.
/// </summary>
internal static class LineDiff
{
    private const int Context = 3;

    public static string Unified(string path, string? before, string after)
    {
        string[] old = Lines(before);
        string[] now = Lines(after);
        int head = 0;
        while (head < old.Length && head < now.Length && old[head] == now[head])
        {
            head++;
        }

        int tail = 0;
        while (tail < old.Length - head && tail < now.Length - head && old[^(tail + 1)] == now[^(tail + 1)])
        {
            tail++;
        }

        var text = new StringBuilder();
        text.Append("--- ").Append(before is null ? "/dev/null" : path).Append('\n');
        text.Append("+++ ").Append(path).Append('\n');
        if (head == old.Length && head == now.Length)
        {
            return text.ToString();
        }

        int from = Math.Max(0, head - Context);
        int oldEnd = Math.Min(old.Length, old.Length - tail + Context);
        int newEnd = Math.Min(now.Length, now.Length - tail + Context);
        text.Append(CultureInfo.InvariantCulture, $"@@ -{Start(from, oldEnd)},{oldEnd - from} +{Start(from, newEnd)},{newEnd - from} @@\n");
        for (int i = from; i < head; i++)
        {
            text.Append(' ').Append(old[i]).Append('\n');
        }

        for (int i = head; i < old.Length - tail; i++)
        {
            text.Append('-').Append(old[i]).Append('\n');
        }

        for (int i = head; i < now.Length - tail; i++)
        {
            text.Append('+').Append(now[i]).Append('\n');
        }

        for (int i = old.Length - tail; i < oldEnd; i++)
        {
            text.Append(' ').Append(old[i]).Append('\n');
        }

        return text.ToString();
    }

    private static int Start(int from, int end) => end == from ? from : from + 1;

    private static string[] Lines(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        string[] lines = text.ReplaceLineEndings("\n").Split('\n');
        return lines[^1].Length == 0 ? lines[..^1] : lines;
    }
}
