using SlmMesh.Core.Tests.Support;

namespace SlmMesh.Core.Tests.Mesh;

/// <summary>A broker that accepts connections but stops answering must not hang a client that connects to it.</summary>
public sealed class StalledBrokerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Connecting_to_a_broker_whose_engine_does_not_answer_fails_with_timeout_after_the_request_timeout()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        using var release = new ManualResetEventSlim();
        Task stalled = mesh.Broker.InvokeOnEngineForTestingAsync(_ => release.Wait(TimeSpan.FromSeconds(30)));
        try
        {
            // The listener still accepts and authenticates; only the registration waits on the engine.
            Task<MeshClient> connecting = mesh.ConnectAsync("alice", o => o with { RequestTimeout = TimeSpan.FromMilliseconds(500) });

            MeshException ex = await Assert.ThrowsAsync<MeshException>(() => connecting.WaitAsync(TimeSpan.FromSeconds(10), Ct));

            Assert.Equal(MeshErrorCode.Timeout, ex.Code);
            Assert.Contains("did not answer the registration", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            release.Set();
            await stalled.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        }

        // Once the engine answers again, connecting works.
        MeshClient bob = await mesh.ConnectAsync("bob");
        Assert.Contains(await bob.ListPeersAsync(includeSelf: true, cancellationToken: Ct), p => p.Name == "bob");
    }
}
