namespace SlmMesh.Transport.Messages;

/// <summary>Protocol versions. A broker accepts hellos from <see cref="Minimum"/> to <see cref="Current"/>.</summary>
public static class ProtocolVersion
{
    /// <summary>The version this library speaks.</summary>
    public const int Current = 1;

    /// <summary>The oldest version this library accepts.</summary>
    public const int Minimum = 1;
}
