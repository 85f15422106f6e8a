using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SlmMesh.Cli.Tests.Support;

/// <summary>
/// Golden hook payloads and answers (Golden/*.json). Values that change every run — message ids, times, time
/// left, the temp project folder — appear as &lt;ID&gt;, &lt;TIME&gt;, &lt;LEFT&gt; and &lt;PROJECT&gt;.
/// </summary>
public static partial class Golden
{
    public static string Input(string name, string project) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", name + ".input.json")).Replace("<PROJECT>", project, StringComparison.Ordinal);

    /// <summary>Asserts that <paramref name="actual"/> is exactly one line of JSON equal to the golden answer once normalised.</summary>
    public static void AssertMatches(string name, string actual, string project)
    {
        Assert.EndsWith("\n", actual, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', actual.TrimEnd('\n'));
        string normalised = Normalise(actual, project);
        JsonNode expected = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", name + ".output.json")))!;
        JsonNode got = JsonNode.Parse(normalised)!;
        Assert.True(JsonNode.DeepEquals(expected, got), $"Expected:\n{expected.ToJsonString()}\nActual:\n{got.ToJsonString()}");
    }

    private static string Normalise(string json, string project)
    {
        string text = json.Replace(project, "<PROJECT>", StringComparison.Ordinal);
        text = MessageId().Replace(text, "<ID>");
        text = Timestamp().Replace(text, "<TIME>");
        return TimeLeft().Replace(text, "for <LEFT> more");
    }

    [GeneratedRegex("m_[0-9a-f]{28}")]
    private static partial Regex MessageId();

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"for (\d+[hms]( \d+[ms])?) more")]
    private static partial Regex TimeLeft();
}
