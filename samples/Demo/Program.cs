using SlmMesh.Samples.Demo;

// Three coding agents coordinate on one machine, live, through a real broker (SQLite + Unix socket)
// in a temporary home. Everything printed is what the mesh really did.
return await MeshDemo.RunAsync(Console.Out, CancellationToken.None);
