using SlmMesh.Hosting.Mcp;

// slm-mesh-mcp: the MCP stdio server for coding agents. Nothing but the MCP protocol is written to stdout.
// The hidden first argument "broker" makes this binary the mesh broker (started detached by the server itself).
return args is [BrokerCommand.Name, ..]
    ? await BrokerCommand.RunAsync()
    : await McpHost.RunAsync(args);
