using SlmMesh.LoadTest;

// dotnet run -c Release --project benchmarks/SlmMesh.LoadTest -- [--scenarios latency,throughput,...] [--json]
// Starts a real broker (this program with `broker`) in a temporary home, measures, stops it, deletes the home.
if (args is ["broker", "--home", var brokerHome])
{
    return await BrokerRole.RunAsync(brokerHome);
}

if (args is ["peers", "--home", var peersHome, "--count", var countText, "--prefix", var prefix] && LoadOptions.TryInt(countText, out int count))
{
    return await PeersRole.RunAsync(peersHome, count, prefix);
}

LoadOptions? options = LoadOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}

return await Runner.RunAsync(options);
