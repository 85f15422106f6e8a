using System.Globalization;

namespace SlmMesh.Cli.Output;

/// <summary>Times and sizes as people read them; JSON output uses ISO 8601 UTC instead.</summary>
internal static class Formats
{
    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>ISO 8601 UTC with milliseconds, as the SPEC shows timestamps.</summary>
    public static string Iso(long epochMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMilliseconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 UTC to the second, for tables and event lines.</summary>
    public static string ShortIso(long epochMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMilliseconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>"just now", "42s ago", "5m ago", "3h ago", "2d ago".</summary>
    public static string Ago(long epochMilliseconds, long now)
    {
        long seconds = Math.Max(0, (now - epochMilliseconds) / 1000);
        return seconds switch
        {
            < 2 => "just now",
            < 60 => Invariant($"{seconds}s ago"),
            < 3600 => Invariant($"{seconds / 60}m ago"),
            < 86400 => Invariant($"{seconds / 3600}h ago"),
            _ => Invariant($"{seconds / 86400}d ago"),
        };
    }

    /// <summary>"45s", "8m 12s", "1h 5m" (rounded up to the second, so a live lock never shows 0s).</summary>
    public static string Duration(long milliseconds)
    {
        long seconds = Math.Max(0, (milliseconds + 999) / 1000);
        return seconds switch
        {
            < 60 => Invariant($"{seconds}s"),
            < 3600 => seconds % 60 == 0 ? Invariant($"{seconds / 60}m") : Invariant($"{seconds / 60}m {seconds % 60}s"),
            _ => (seconds % 3600) / 60 == 0 ? Invariant($"{seconds / 3600}h") : Invariant($"{seconds / 3600}h {(seconds % 3600) / 60}m"),
        };
    }

    /// <summary>"512 B", "3.2 KiB", "14.0 MiB".</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => Invariant($"{bytes} B"),
        < 1024 * 1024 => Invariant($"{bytes / 1024.0:0.0} KiB"),
        _ => Invariant($"{bytes / (1024.0 * 1024):0.0} MiB"),
    };

    /// <summary>One line, at most <paramref name="length"/> characters, an ellipsis when cut.</summary>
    public static string Clip(string? text, int length)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        string line = text.ReplaceLineEndings(" ");
        return line.Length <= length ? line : string.Concat(line.AsSpan(0, Math.Max(0, length - 1)), "…");
    }

    /// <summary>A path with the user's home shown as <c>~</c>.</summary>
    public static string Folder(string? path, string userHome)
    {
        if (string.IsNullOrEmpty(path))
        {
            return string.Empty;
        }

        if (userHome.Length > 1 && path.StartsWith(userHome, StringComparison.Ordinal)
            && (path.Length == userHome.Length || path[userHome.Length] == Path.DirectorySeparatorChar))
        {
            return "~" + path[userHome.Length..];
        }

        return path;
    }

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
