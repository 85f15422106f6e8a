using System.CommandLine;
using SlmMesh.Cli.Mesh;
using SlmMesh.Cli.Output;

namespace SlmMesh.Cli.Commands;

/// <summary><c>peers</c>: the agents on the mesh, by machine, folder or repo.</summary>
internal static class PeersCommand
{
    public static Command Create(CommandKit kit)
    {
        var scope = new Option<string>("--scope")
        {
            Description = "machine (every peer), directory (this folder and below) or repo (this git repository).",
            DefaultValueFactory = _ => PeerScopes.Machine,
        };
        scope.AcceptOnlyFromAmong(PeerScopes.Machine, PeerScopes.Directory, PeerScopes.Repo);
        var command = new Command("peers", "List the agents on the mesh with what they work on.") { scope };
        kit.SetAction(command, async (result, output, ct) =>
        {
            string chosen = result.GetValue(scope) ?? PeerScopes.Machine;
            await using MeshClient client = await MeshConnector.ObserverAsync(kit.Context, output, ct);
            IReadOnlyList<PeerInfo> peers = await client.ListPeersAsync(chosen, cancellationToken: ct);
            if (output.Json)
            {
                output.WriteJson(json =>
                {
                    json.WriteStartObject();
                    json.WriteString("scope", chosen);
                    json.WriteStartArray("peers");
                    foreach (PeerInfo peer in peers)
                    {
                        JsonText.Peer(json, peer);
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                });
                return ExitCodes.Ok;
            }

            if (peers.Count == 0)
            {
                output.Line(chosen == PeerScopes.Machine ? "No agent is on the mesh." : $"No agent is on the mesh in this {chosen}.");
                return ExitCodes.Ok;
            }

            Render(output, peers, Formats.Now);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The peers table (shared with <c>top</c>).</summary>
    public static void Render(CliOutput output, IReadOnlyList<PeerInfo> peers, long now, string? title = null) =>
        output.Table(
            ["Name", "Agent", "Folder", "Branch", "Summary", "Last seen"],
            [.. peers.Select(p => (IReadOnlyList<string>)
            [
                p.Name,
                p.AgentType,
                Formats.Folder(p.Cwd, output.UserHome),
                p.GitBranch ?? string.Empty,
                Formats.Clip(p.Summary, 60),
                p.Connected ? Formats.Ago(p.LastSeen, now) : "away, " + Formats.Ago(p.LastSeen, now),
            ])],
            title);
}
