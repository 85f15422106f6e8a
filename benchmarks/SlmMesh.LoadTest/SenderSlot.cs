using System.Diagnostics;

namespace SlmMesh.LoadTest;

/// <summary>One closed-loop sender's mailbox: released when its message arrives.</summary>
internal sealed class SenderSlot
{
    public SemaphoreSlim Arrived { get; } = new(0);

    /// <summary>Send→receive of the last message, in <see cref="Stopwatch"/> ticks; written before <see cref="Arrived"/> is released.</summary>
    public long LatencyTicks { get; set; }
}
