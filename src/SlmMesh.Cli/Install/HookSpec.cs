namespace SlmMesh.Cli.Install;

/// <summary>One hook registration: the event, its tool matcher (null: every tool), and the command it runs.</summary>
internal sealed record HookSpec(string EventName, string? Matcher, string Command);
