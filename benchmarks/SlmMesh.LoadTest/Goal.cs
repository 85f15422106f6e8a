namespace SlmMesh.LoadTest;

/// <summary>A target a figure is compared with: at most or at least <see cref="Limit"/>.</summary>
internal sealed record Goal(double Limit, bool AtMost, string Text)
{
    public static Goal Max(double limit, string text) => new(limit, true, text);

    public static Goal Min(double limit, string text) => new(limit, false, text);

    public bool IsMet(double value) => AtMost ? value <= Limit : value >= Limit;
}
