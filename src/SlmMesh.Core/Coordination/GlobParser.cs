namespace SlmMesh.Coordination;

/// <summary>Turns glob text into a <see cref="GlobNfa"/> over the segment form of paths.</summary>
internal static class GlobParser
{
    /// <summary>The segment that matches any number of segments, none included.</summary>
    public const string GlobStar = "**";

    /// <summary>Parses <paramref name="pattern"/>; a malformed one throws <see cref="MeshException"/> (invalid_argument).</summary>
    public static GlobNfa Parse(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Length == 0)
        {
            throw Invalid(pattern, "it is empty");
        }

        if (pattern.Contains('\0', StringComparison.Ordinal))
        {
            throw new MeshException(MeshErrorCode.InvalidArgument, "A glob cannot contain a NUL character.");
        }

        var builder = new GlobNfaBuilder();
        int current = builder.NewState();
        if (pattern[0] == '/')
        {
            current = builder.Step(current, CharSet.SlashOnly);
        }

        foreach (var segment in pattern.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = segment == GlobStar
                ? AddGlobStar(builder, current)
                : AddSegment(builder, current, pattern, segment);
        }

        // Covering: the matched path itself or anything below it, i.e. anything after its closing separator.
        int cover = builder.NewState();
        builder.Epsilon(current, cover);
        builder.Add(cover, CharSet.AnyChar, cover);
        return builder.Build(current, cover);
    }

    // Zero or more whole segments: (segment-char+ '/')*.
    private static int AddGlobStar(GlobNfaBuilder builder, int current)
    {
        int loop = builder.NewState();
        builder.Epsilon(current, loop);
        int inSegment = builder.Step(loop, CharSet.AnyButSlash);
        builder.Add(inSegment, CharSet.AnyButSlash, inSegment);
        builder.Add(inSegment, CharSet.SlashOnly, loop);
        return loop;
    }

    private static int AddSegment(GlobNfaBuilder builder, int current, string pattern, string segment)
    {
        for (int i = 0; i < segment.Length; i++)
        {
            char c = segment[i];
            switch (c)
            {
                case '*':
                    // A fresh state for the loop, so it never mixes with edges already leaving 'current'.
                    int star = builder.NewState();
                    builder.Epsilon(current, star);
                    builder.Add(star, CharSet.AnyButSlash, star);
                    current = star;
                    while (i + 1 < segment.Length && segment[i + 1] == '*')
                    {
                        i++;
                    }

                    break;
                case '?':
                    current = builder.Step(current, CharSet.AnyButSlash);
                    break;
                case '[':
                    current = builder.Step(current, ParseClass(pattern, segment, ref i));
                    break;
                default:
                    current = builder.Step(current, CharSet.Single(c));
                    break;
            }
        }

        return builder.Step(current, CharSet.SlashOnly);
    }

    // On entry i is at '['; on exit at the closing ']'. A ']' right after '[' or '[!' is a member.
    private static CharSet ParseClass(string pattern, string segment, ref int i)
    {
        int j = i + 1;
        bool negate = j < segment.Length && (segment[j] == '!' || segment[j] == '^');
        if (negate)
        {
            j++;
        }

        var ranges = new List<(char Lo, char Hi)>();
        for (bool first = true; ; first = false)
        {
            if (j >= segment.Length)
            {
                throw Invalid(pattern, $"the class starting at '{segment[i..]}' has no closing ']' (a class cannot contain '/')");
            }

            char c = segment[j];
            if (c == ']' && !first)
            {
                break;
            }

            if (j + 2 < segment.Length && segment[j + 1] == '-' && segment[j + 2] != ']')
            {
                char hi = segment[j + 2];
                if (hi < c)
                {
                    throw Invalid(pattern, $"the range '{c}-{hi}' is reversed");
                }

                ranges.Add((c, hi));
                j += 3;
            }
            else
            {
                ranges.Add((c, c));
                j++;
            }
        }

        i = j;
        return CharSet.FromClass(ranges, negate);
    }

    private static MeshException Invalid(string pattern, string why) =>
        new(MeshErrorCode.InvalidArgument, $"The glob '{pattern}' is malformed: {why}.");
}
