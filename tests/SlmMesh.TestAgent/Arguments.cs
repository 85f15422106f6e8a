using System.Globalization;

namespace SlmMesh.TestAgent;

/// <summary><c>--key value</c> pairs and bare <c>--flag</c>s.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public static Arguments Parse(ReadOnlySpan<string> args)
    {
        var parsed = new Arguments();
        for (int i = 0; i < args.Length; i++)
        {
            string key = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            bool hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            parsed._values[key] = hasValue ? args[++i] : null;
        }

        return parsed;
    }

    public bool Has(string key) => _values.ContainsKey(key);

    public string? Get(string key) => _values.TryGetValue(key, out string? value) ? value : null;

    public string Required(string key) => Get(key) ?? throw new ArgumentException($"--{key} is required.");

    public TimeSpan? Milliseconds(string key) =>
        Get(key) is { } text ? TimeSpan.FromMilliseconds(long.Parse(text, CultureInfo.InvariantCulture)) : null;
}
