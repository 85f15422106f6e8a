using SlmMesh.PingPong;

// dotnet run -c Release --project benchmarks/SlmMesh.PingPong -- [--pings N] [--flood N] [--json]
// Starts a real FrameListener here and a client in a second process (this program with --client).
PingPongOptions? options = PingPongOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(PingPongOptions.Usage);
    return 2;
}

return options.ClientSocket is null
    ? await BenchServer.RunAsync(options)
    : await BenchClient.RunAsync(options);
