namespace SlmMesh.Cli.Mesh;

/// <summary>What asking the home's broker for its status found: its status, or why there is none.</summary>
internal sealed record BrokerProbe(BrokerStatus? Status, MeshException? Problem)
{
    /// <summary>A broker runs but speaks a protocol this CLI does not (an older or newer release).</summary>
    public bool IncompatibleVersion => Problem?.Code == MeshErrorCode.UnsupportedVersion;

    public const string IncompatibleFix = "End that broker's process (a 'slm-mesh broker' or 'slm-mesh-mcp broker'); the next client starts this version.";
}
