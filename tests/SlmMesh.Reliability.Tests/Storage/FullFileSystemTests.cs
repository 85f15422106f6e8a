using System.Text.Json;
using SlmMesh.Reliability.Tests.Support;
using SlmMesh.Testing;

namespace SlmMesh.Reliability.Tests.Storage;

/// <summary>
/// A real full disk: the home is a tiny tmpfs, the broker a separate process (so that whatever a full disk
/// does to it cannot take the test host down). Needs root to mount; <see cref="DiskFullTests"/> covers the
/// same ground everywhere through SQLite's page limit.
/// </summary>
public sealed class FullFileSystemTests
{
    [Fact]
    public async Task On_a_full_file_system_sends_fail_with_storage_error_and_all_acknowledged_messages_survive()
    {
        Assert.SkipUnless(Privileged.IsRoot, "Needs root to mount a tmpfs.");
        var home = new ProcessHome("slm-f-");
        string filler = Path.Combine(home.Directory, "filler");
        (int mounted, string why) = Privileged.Run("mount", "-t", "tmpfs", "-o", "size=3m,mode=0700", "tmpfs", home.Directory);
        try
        {
            Assert.SkipWhen(mounted != 0, "Cannot mount a tmpfs here: " + why);
            await File.WriteAllBytesAsync(filler, new byte[512 * 1024], TestContext.Current.CancellationToken);
            AgentProcess broker = await home.StartBrokerAsync();
            AgentProcess alice = await home.ConnectAgentAsync("alice", "--launcher", "none");
            AgentProcess bob = await home.ConnectAgentAsync("bob", "--launcher", "none");

            alice.Send("flood bob 1500 1 4000");
            JsonElement full = await alice.WaitForAsync("flood_done", timeout: TimeSpan.FromSeconds(90));
            IReadOnlyList<JsonElement> errors = alice.Lines("error");
            File.Delete(filler);
            alice.Send("send bob room again");
            string after = (await alice.WaitForAsync("sent", s => s.Str("payload") == "room again")).Str("id");

            Assert.InRange(full.Num("ok"), 1, 1499);
            Assert.Equal(1500 - full.Num("ok"), full.Num("failed"));
            Assert.All(errors, e => Assert.Equal("storage_error", e.Str("code")));
            HashSet<string> acknowledged = [.. alice.Lines("sent").Select(s => s.Str("id"))];
            Assert.Contains(after, acknowledged);
            await bob.WaitForValuesAsync("message", "id", acknowledged, TimeSpan.FromSeconds(60));
            HashSet<string> refusedPayloads = [.. errors.Select(e => $"alice:{e.Num("seq")}")];
            Assert.DoesNotContain(bob.Lines("message"), m => refusedPayloads.Contains(m.Str("payload").Split(' ')[0]));

            // The broker survived the full disk: it answers, then stops cleanly, leaving a sound database.
            alice.Send("status");
            Assert.Equal(broker.Pid, (await alice.WaitForAsync("status")).Num("brokerPid"));
            HomeFiles.AssertPrivate(home.Directory, "mesh.db", "broker.sock", "broker.token", "broker.lock", "broker.log");
            await home.StopAllAsync();
            Assert.Equal("ok", Database.IntegrityCheck(home.Home.DatabasePath));
            Assert.Equal(acknowledged.Count, Database.Count(home.Home.DatabasePath, "SELECT count(*) FROM messages"));
        }
        finally
        {
            await home.DisposeAsync();
            if (mounted == 0)
            {
                Privileged.Run("umount", home.Directory);
            }

            if (Directory.Exists(home.Directory))
            {
                Directory.Delete(home.Directory, recursive: true);
            }
        }
    }
}
