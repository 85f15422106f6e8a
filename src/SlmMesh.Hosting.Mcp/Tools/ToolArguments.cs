namespace SlmMesh.Hosting.Mcp.Tools;

/// <summary>Checks tool arguments and refuses with <c>invalid_argument</c> and a sentence that says what fits.</summary>
internal static class ToolArguments
{
    public static string Choice(string? value, string name, string fallback, params string[] allowed)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        string choice = value.Trim().ToLowerInvariant();
        return allowed.Contains(choice, StringComparer.Ordinal)
            ? choice
            : throw Invalid($"'{name}' must be one of {string.Join(", ", allowed)}; got '{value}'.");
    }

    public static string Required(string? value, string name, string forWhat) =>
        string.IsNullOrWhiteSpace(value) ? throw Invalid($"'{name}' is required {forWhat}.") : value;

    public static int Range(int? value, string name, int fallback, int min, int max) => value switch
    {
        null => fallback,
        { } v when v >= min && v <= max => v,
        { } v => throw Invalid($"'{name}' must be between {min} and {max}; got {v}."),
    };

    public static MeshException Invalid(string message) => new(MeshErrorCode.InvalidArgument, message);
}
