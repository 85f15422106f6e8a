namespace SlmMesh.LoadTest;

/// <summary>A child role ends when the runner closes its stdin, or dies (the kernel closes it then).</summary>
internal static class Lifeline
{
    public static void StopWhenInputEnds(CancellationTokenSource stop)
    {
        var thread = new Thread(() =>
        {
            using Stream input = Console.OpenStandardInput();
            var buffer = new byte[64];
            while (input.Read(buffer) > 0)
            {
            }

            stop.Cancel();
        })
        {
            IsBackground = true,
            Name = "lifeline",
        };
        thread.Start();
    }
}
