namespace SlmMesh.Transport.Tests.Support;

/// <summary>Every wait in these tests is bounded so that a hang fails fast instead of stalling the run.</summary>
internal static class Timeouts
{
    public static CancellationTokenSource After(double seconds = 10)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(seconds));
        return cts;
    }
}
