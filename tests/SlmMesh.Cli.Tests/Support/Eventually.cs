namespace SlmMesh.Cli.Tests.Support;

/// <summary>Waits for a condition by re-checking it after each yield, failing fast at a timeout (never sleeps).</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? because = null)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout ?? TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            if (deadline.IsCancellationRequested)
            {
                Assert.Fail("Timed out waiting" + (because is null ? "." : ": " + because));
            }

            await Task.Yield();
        }
    }
}
