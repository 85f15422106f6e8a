using System.CommandLine;
using SlmMesh.Cli.Mesh;
using SlmMesh.Cli.Output;
using SlmMesh.Lifecycle;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Cli.Commands;

/// <summary><c>clean</c>: removes files a dead broker left behind, then has the broker prune and compact its database.</summary>
internal static class CleanCommand
{
    public static Command Create(CommandKit kit)
    {
        var command = new Command("clean", "Remove stale broker files, prune read and expired messages, old events and expired locks, and compact the database.");
        kit.SetAction(command, async (_, output, ct) =>
        {
            MeshHome home = kit.Context.Home;
            IReadOnlyList<string> removed = RemoveStaleFiles(home);
            await using MeshClient client = await MeshConnector.ObserverAsync(kit.Context, output, ct);
            CleanResponse cleaned = await output.WaitAsync("Pruning and compacting…", () => client.CleanAsync(ct));
            if (output.Json)
            {
                output.WriteJson(json =>
                {
                    json.WriteStartObject();
                    JsonText.Strings(json, "staleFilesRemoved", removed);
                    json.WriteNumber("messagesPruned", cleaned.MessagesPruned);
                    json.WriteNumber("eventsPruned", cleaned.EventsPruned);
                    json.WriteNumber("locksExpired", cleaned.LocksExpired);
                    json.WriteNumber("databaseBytesBefore", cleaned.DatabaseBytesBefore);
                    json.WriteNumber("databaseBytesAfter", cleaned.DatabaseBytesAfter);
                    json.WriteEndObject();
                });
                return ExitCodes.Ok;
            }

            foreach (string file in removed)
            {
                output.Line($"Removed stale {Formats.Folder(file, output.UserHome)}");
            }

            output.Success(Formats.Invariant(
                $"Pruned {cleaned.MessagesPruned} messages, {cleaned.EventsPruned} events and {cleaned.LocksExpired} expired locks; database {Formats.Bytes(cleaned.DatabaseBytesBefore)} → {Formats.Bytes(cleaned.DatabaseBytesAfter)}."));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The socket and token of a broker that is gone (nobody holds the election lock). Never touches a live broker's files.</summary>
    public static IReadOnlyList<string> StaleFiles(MeshHome home)
    {
        if (!Directory.Exists(home.Directory) || BrokerLock.IsHeld(home))
        {
            return [];
        }

        return [.. new[] { home.SocketPath, home.TokenPath }.Where(File.Exists)];
    }

    private static List<string> RemoveStaleFiles(MeshHome home)
    {
        var removed = new List<string>();
        foreach (string file in StaleFiles(home))
        {
            File.Delete(file);
            removed.Add(file);
        }

        return removed;
    }
}
