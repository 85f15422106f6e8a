using System.Text.Json;

namespace SlmMesh.Cli.Tests.Support;

/// <summary>What one CLI invocation did.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <summary>The output parsed as one JSON document.</summary>
    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Output);
            return document.RootElement.Clone();
        }
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}--- stderr\n{Error}";
}
