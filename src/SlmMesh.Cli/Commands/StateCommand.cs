using System.CommandLine;
using SlmMesh.Cli.Mesh;
using SlmMesh.Cli.Output;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Cli.Commands;

/// <summary><c>state get|set|list|delete</c>: the shared key-value state.</summary>
internal static class StateCommand
{
    private const string DefaultNamespace = "default";

    public static Command Create(CommandKit kit)
    {
        var command = new Command("state", "Read and write the shared key-value state.") { Get(kit), Set(kit), List(kit), Delete(kit) };
        CommandKit.ShowHelpWhenBare(command);
        return command;
    }

    private static Option<string?> Namespace() => new("--namespace", "-n") { Description = "The namespace (default 'default').", HelpName = "name" };

    private static Option<long?> ExpectedVersion() => new("--expected-version")
    {
        Description = "Only if the key is at this version (0: only if it does not exist); else exit 4.",
        HelpName = "version",
    };

    private static Command Get(CommandKit kit)
    {
        var key = new Argument<string>("key") { Description = "The key." };
        Option<string?> ns = Namespace();
        var command = new Command("get", "Print a key's value (exit 1 when it does not exist).") { key, ns };
        kit.SetAction(command, async (result, output, ct) =>
        {
            await using MeshClient client = await MeshConnector.ObserverAsync(kit.Context, output, ct);
            StateEntry? entry = await client.GetStateAsync(result.GetValue(key)!, result.GetValue(ns), ct);
            if (entry is null)
            {
                return output.Fail(ExitCodes.Error, MeshErrorCode.NotFound, $"No key '{result.GetValue(key)}' in namespace '{result.GetValue(ns) ?? DefaultNamespace}'.");
            }

            if (output.Json)
            {
                output.WriteJson(json => JsonText.State(json, entry));
            }
            else
            {
                output.Line(entry.Value);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Set(CommandKit kit)
    {
        var key = new Argument<string>("key") { Description = "The key." };
        var value = new Argument<string>("value") { Description = "The value; '-' reads it from standard input." };
        Option<string?> ns = Namespace();
        Option<long?> expected = ExpectedVersion();
        var command = new Command("set", "Write a key (its version rises by one).") { key, value, ns, expected };
        kit.SetAction(command, async (result, output, ct) =>
        {
            string text = await MessageArguments.ReadAsync(kit.Context, result.GetValue(value)!, ct);
            await using MeshClient client = await MeshConnector.IdentityAsync(kit.Context, output, ct);
            StateEntry entry = await client.SetStateAsync(result.GetValue(key)!, text, result.GetValue(ns), result.GetValue(expected), ct);
            if (output.Json)
            {
                output.WriteJson(json => JsonText.State(json, entry));
            }
            else
            {
                output.Success(Formats.Invariant($"{entry.Namespace}/{entry.Key} = {Formats.Clip(entry.Value, 60)} (version {entry.Version})"));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(CommandKit kit)
    {
        Option<string?> ns = Namespace();
        ns.Description = "Only this namespace (default: all).";
        var prefix = new Option<string?>("--prefix") { Description = "Only keys starting with this.", HelpName = "text" };
        var command = new Command("list", "List the shared keys.") { ns, prefix };
        kit.SetAction(command, async (result, output, ct) =>
        {
            await using MeshClient client = await MeshConnector.ObserverAsync(kit.Context, output, ct);
            IReadOnlyList<StateEntry> entries = await client.ListStateAsync(result.GetValue(ns), result.GetValue(prefix), ct);
            if (output.Json)
            {
                output.WriteJson(json =>
                {
                    json.WriteStartObject();
                    json.WriteStartArray("entries");
                    foreach (StateEntry entry in entries)
                    {
                        JsonText.State(json, entry);
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                });
                return ExitCodes.Ok;
            }

            if (entries.Count == 0)
            {
                output.Line("No shared state.");
                return ExitCodes.Ok;
            }

            long now = Formats.Now;
            output.Table(
                ["Namespace", "Key", "Value", "Version", "Updated"],
                [.. entries.Select(e => (IReadOnlyList<string>)[e.Namespace, e.Key, Formats.Clip(e.Value, 50), Formats.Invariant($"{e.Version}"), Formats.Ago(e.UpdatedAt, now)])]);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Delete(CommandKit kit)
    {
        var key = new Argument<string>("key") { Description = "The key." };
        Option<string?> ns = Namespace();
        Option<long?> expected = ExpectedVersion();
        var command = new Command("delete", "Delete a key (exit 1 when it does not exist).") { key, ns, expected };
        kit.SetAction(command, async (result, output, ct) =>
        {
            string name = result.GetValue(key)!;
            string space = result.GetValue(ns) ?? DefaultNamespace;
            await using MeshClient client = await MeshConnector.IdentityAsync(kit.Context, output, ct);
            StateDeleteResponse deleted = await client.DeleteStateAsync(name, result.GetValue(ns), result.GetValue(expected), ct);
            if (!deleted.Deleted)
            {
                return output.Fail(ExitCodes.Error, MeshErrorCode.NotFound, $"No key '{name}' in namespace '{space}'.");
            }

            if (output.Json)
            {
                output.WriteJson(json =>
                {
                    json.WriteStartObject();
                    json.WriteString("namespace", space);
                    json.WriteString("key", name);
                    json.WriteBoolean("deleted", true);
                    json.WriteNumber("version", deleted.Version);
                    json.WriteEndObject();
                });
            }
            else
            {
                output.Success(Formats.Invariant($"Deleted {space}/{name} (version {deleted.Version})."));
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
