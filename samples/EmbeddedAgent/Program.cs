using SlmMesh;

// The smallest .NET agent on the mesh: join (starting the broker if none runs), say what it does,
// see who else is here, and answer every message until Ctrl-C.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

await using MeshClient mesh = await MeshClient.ConnectAsync(new MeshClientOptions { Summary = "Echoing every message it gets" }, stop.Token);
Console.WriteLine($"Joined the mesh at {mesh.Home} as {mesh.Self!.Name} ({mesh.PeerId}).");
foreach (PeerInfo peer in await mesh.ListPeersAsync(cancellationToken: stop.Token))
{
    Console.WriteLine($"  {peer.Name,-20} {peer.AgentType,-12} {peer.Summary}");
}

try
{
    await foreach (MeshMessage message in mesh.ReadMessagesAsync(stop.Token))
    {
        Console.WriteLine($"{message.FromName}: {message.Payload}");
        await mesh.SendAsync(message.From, "echo: " + message.Payload, replyTo: message.Id, cancellationToken: stop.Token);
    }
}
catch (OperationCanceledException)
{
    // Ctrl-C: leave the mesh.
}
