using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SlmMesh.LoadTest;

/// <summary>Prints the results: a table per scenario, or one JSON object.</summary>
internal static class Report
{
    public static string Runtime => $"{RuntimeInformation.FrameworkDescription} ({(RuntimeFeature.IsDynamicCodeSupported ? "JIT" : "Native AOT")})";

    public static void PrintHeader(LoadOptions options)
    {
        if (options.Json)
        {
            return;
        }

        Console.WriteLine($"{Runtime}, {Environment.ProcessorCount} processors, {RuntimeInformation.OSDescription}");
        Console.WriteLine($"Broker: {options.BrokerExe ?? "this tool"} (own process), payload {options.PayloadBytes} B, phase cap {options.PhaseCap.TotalSeconds:0} s{(options.Quick ? ", QUICK (not representative)" : "")}");
        Console.WriteLine();
    }

    public static void PrintScenario(ScenarioResult result, LoadOptions options)
    {
        if (options.Json)
        {
            return;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"== {result.Name}: {result.Description}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   load average {result.LoadBefore:0.0} → {result.LoadAfter:0.0}, {result.Seconds:0.0} s"));
        foreach ((string key, string text) in result.Notes)
        {
            Console.WriteLine($"   {key}: {text}");
        }

        foreach (Figure figure in result.Figures)
        {
            string goal = figure.Goal is null ? string.Empty : $"goal {figure.Goal.Text,-14} {(figure.Goal.IsMet(figure.Value) ? "met" : "MISSED")}";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {figure.Label,-64} {Format(figure.Value),12} {figure.Unit,-6} {goal}"));
        }

        if (result.Error is not null)
        {
            Console.WriteLine("   FAILED: " + result.Error);
        }

        Console.WriteLine();
    }

    public static void PrintJson(IReadOnlyList<ScenarioResult> results, LoadOptions options)
    {
        using var json = new Utf8JsonWriter(Console.OpenStandardOutput(), new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("runtime", Runtime);
        json.WriteString("os", RuntimeInformation.OSDescription);
        json.WriteNumber("processors", Environment.ProcessorCount);
        json.WriteString("broker", options.BrokerExe ?? "this tool");
        json.WriteNumber("payloadBytes", options.PayloadBytes);
        json.WriteBoolean("quick", options.Quick);
        json.WriteStartArray("scenarios");
        foreach (ScenarioResult result in results)
        {
            json.WriteStartObject();
            json.WriteString("name", result.Name);
            json.WriteString("description", result.Description);
            json.WriteNumber("loadAverageBefore", result.LoadBefore);
            json.WriteNumber("loadAverageAfter", result.LoadAfter);
            json.WriteNumber("seconds", Math.Round(result.Seconds, 2));
            if (result.Error is not null)
            {
                json.WriteString("error", result.Error);
            }

            if (result.Notes.Count > 0)
            {
                json.WriteStartObject("notes");
                foreach ((string key, string text) in result.Notes)
                {
                    json.WriteString(key, text);
                }

                json.WriteEndObject();
            }

            json.WriteStartObject("figures");
            foreach (Figure figure in result.Figures)
            {
                json.WriteStartObject(figure.Key);
                json.WriteNumber("value", Math.Round(figure.Value, 2));
                json.WriteString("unit", figure.Unit);
                json.WriteString("label", figure.Label);
                if (figure.Goal is not null)
                {
                    json.WriteString("goal", figure.Goal.Text);
                    json.WriteBoolean("met", figure.Goal.IsMet(figure.Value));
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        Console.WriteLine();
    }

    private static string Format(double value) =>
        value >= 1000 || value == Math.Floor(value)
            ? value.ToString("N0", CultureInfo.InvariantCulture)
            : value.ToString("N1", CultureInfo.InvariantCulture);
}
