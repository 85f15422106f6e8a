using SlmMesh.Coordination;

namespace SlmMesh.Core.Tests.Coordination;

/// <summary>
/// Random small globs against random paths (half of them drawn from one of the globs, so that matches
/// are common), checked against a naive reference matcher and against each other.
/// </summary>
public sealed class GlobPatternPropertyTests
{
    private static readonly string[] Tokens = ["a", "b", "?", "*", "[ab]", "[!a]", "[b-c]"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void No_common_path_is_ever_missed(int seed)
    {
        var random = new Random(seed);
        int overlapping = 0;
        for (int round = 0; round < 500; round++)
        {
            string a = RandomGlob(random);
            string b = RandomGlob(random);
            var pa = GlobPattern.Parse(a);
            var pb = GlobPattern.Parse(b);
            bool overlaps = GlobPattern.Overlaps(pa, pb);
            bool coversOverlap = GlobPattern.CoversOverlap(pa, pb);
            string context = $"seed {seed} round {round}: '{a}' and '{b}'";
            overlapping += overlaps ? 1 : 0;

            for (int i = 0; i < 30; i++)
            {
                string path = (i % 3) switch
                {
                    0 => Instantiate(a, random),
                    1 => Instantiate(b, random),
                    _ => RandomPath(random),
                };
                bool matchA = pa.IsMatch(path);
                bool matchB = pb.IsMatch(path);
                Assert.True(GlobReference.Matches(a, path) == matchA, $"{context}: IsMatch('{a}', '{path}') = {matchA}");
                Assert.True(GlobReference.Matches(b, path) == matchB, $"{context}: IsMatch('{b}', '{path}') = {matchB}");
                Assert.True(!(matchA && matchB) || overlaps, $"{context}: both match '{path}' but Overlaps is false");
                Assert.True(
                    !(GlobReference.Covers(a, path) && GlobReference.Covers(b, path)) || coversOverlap,
                    $"{context}: both cover '{path}' but CoversOverlap is false");

                // Glob against a plain path: the simulation and the product must agree.
                bool underPath = pa.CoversAnyUnder(path);
                Assert.True(
                    underPath == GlobPattern.CoversOverlap(pa, GlobPattern.Parse(path)),
                    $"{context}: CoversAnyUnder('{path}') = {underPath} disagrees with the product");
                Assert.True(!GlobReference.Covers(a, path) || underPath, $"{context}: '{a}' covers '{path}' but no conflict");
                Assert.Equal(underPath, LockPaths.Conflicts(a, path));
            }

            // No false positives either: a positive answer comes with a path that proves it.
            string? witness = GlobPattern.FindCommonPath(pa, pb);
            Assert.True(overlaps == (witness is not null), $"{context}: Overlaps {overlaps}, witness '{witness}'");
            if (witness is not null)
            {
                Assert.True(GlobReference.Matches(a, witness) && GlobReference.Matches(b, witness), $"{context}: witness '{witness}'");
            }

            string? covered = GlobPattern.FindCommonPath(pa, pb, covered: true);
            Assert.True(coversOverlap == (covered is not null), $"{context}: CoversOverlap {coversOverlap}, witness '{covered}'");
            if (covered is not null)
            {
                Assert.True(GlobReference.Covers(a, covered) && GlobReference.Covers(b, covered), $"{context}: covered witness '{covered}'");
            }

            Assert.Equal(coversOverlap, LockPaths.Conflicts(a, b));
        }

        // The generator must produce both outcomes, or the test proves little.
        Assert.InRange(overlapping, 50, 450);
    }

    private static string RandomGlob(Random random)
    {
        int segments = random.Next(1, 4);
        var parts = new List<string>();
        for (int s = 0; s < segments; s++)
        {
            if (random.Next(5) == 0)
            {
                parts.Add("**");
                continue;
            }

            int tokens = random.Next(1, 4);
            parts.Add(string.Concat(Enumerable.Range(0, tokens).Select(_ => Tokens[random.Next(Tokens.Length)])));
        }

        return "/" + string.Join('/', parts);
    }

    private static string RandomPath(Random random)
    {
        int depth = random.Next(1, 5);
        return "/" + string.Join('/', Enumerable.Range(0, depth).Select(_ => RandomName(random, random.Next(1, 4))));
    }

    private static string RandomName(Random random, int length) =>
        new([.. Enumerable.Range(0, length).Select(_ => "abc"[random.Next(3)])]);

    // A path the glob probably matches: each wildcard replaced by something it accepts.
    private static string Instantiate(string glob, Random random)
    {
        var segments = new List<string>();
        foreach (string segment in glob.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == "**")
            {
                segments.AddRange(Enumerable.Range(0, random.Next(3)).Select(_ => RandomName(random, random.Next(1, 3))));
                continue;
            }

            var name = new System.Text.StringBuilder();
            for (int i = 0; i < segment.Length; i++)
            {
                switch (segment[i])
                {
                    case '*':
                        name.Append(RandomName(random, random.Next(3)));
                        break;
                    case '?':
                        name.Append("abc"[random.Next(3)]);
                        break;
                    case '[':
                        int close = segment.IndexOf(']', i + 2);
                        string body = segment[(i + 1)..close];
                        name.Append(body switch
                        {
                            "ab" => "ab"[random.Next(2)],
                            "!a" => "bc"[random.Next(2)],
                            _ => "bc"[random.Next(2)],
                        });
                        i = close;
                        break;
                    default:
                        name.Append(segment[i]);
                        break;
                }
            }

            segments.Add(name.Length == 0 ? "a" : name.ToString());
        }

        return "/" + string.Join('/', segments);
    }
}
