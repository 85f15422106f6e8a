using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace SlmMesh.PingPong;

/// <summary>Prints the client's figures, as a table or as JSON with the machine they were taken on.</summary>
internal static class Report
{
    public static void Print(JsonElement results, PingPongOptions options)
    {
        string runtime = RuntimeFeature.IsDynamicCodeSupported ? "JIT" : "Native AOT";
        if (options.Json)
        {
            using var json = new Utf8JsonWriter(Console.OpenStandardOutput(), new JsonWriterOptions { Indented = true });
            json.WriteStartObject();
            json.WriteString("runtime", $"{RuntimeInformation.FrameworkDescription} ({runtime})");
            json.WriteString("os", RuntimeInformation.OSDescription);
            json.WriteNumber("processors", Environment.ProcessorCount);
            foreach (JsonProperty property in results.EnumerateObject())
            {
                property.WriteTo(json);
            }

            json.WriteEndObject();
            json.Flush();
            Console.WriteLine();
            return;
        }

        double Get(string name) => results.GetProperty(name).GetDouble();
        string F(double value) => value.ToString("N1", CultureInfo.InvariantCulture);
        Console.WriteLine($"{RuntimeInformation.FrameworkDescription} ({runtime}), {Environment.ProcessorCount} processors, {RuntimeInformation.OSDescription}");
        Console.WriteLine($"Round trips: {Get("pings"):0} request/response pairs of {Get("requestFrameBytes"):0}-byte frames, two processes, one Unix socket");
        Console.WriteLine($"  RTT µs   min {F(Get("rttMinUs"))}   p50 {F(Get("rttP50Us"))}   p90 {F(Get("rttP90Us"))}   p99 {F(Get("rttP99Us"))}   p99.9 {F(Get("rttP999Us"))}   max {F(Get("rttMaxUs"))}   mean {F(Get("rttMeanUs"))}");
        Console.WriteLine($"One-way floods of {Get("flood"):0} frames:");
        Console.WriteLine($"  client -> listener ({Get("requestFrameBytes"):0} B requests)  {Get("floodUpMessagesPerSecond"):N0} msg/s  {F(Get("floodUpMegabytesPerSecond"))} MB/s");
        Console.WriteLine($"  listener -> client ({Get("pushFrameBytes"):0} B pushes)    {Get("floodDownMessagesPerSecond"):N0} msg/s  {F(Get("floodDownMegabytesPerSecond"))} MB/s");
    }
}
