namespace SlmMesh.Testing;

/// <summary>
/// Waits for a condition that nothing signals (a process vanishing from /proc, a file appearing), re-checking
/// it on a short timer and failing at a timeout. Conditions something does signal are awaited directly.
/// </summary>
public static class Eventually
{
    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout, string because) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, because);

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string because)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        while (!await condition())
        {
            try
            {
                await timer.WaitForNextTickAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0.#} s waiting: {because}");
            }
        }
    }
}
