using System.CommandLine;
using SlmMesh.Cli.Mesh;
using SlmMesh.Cli.Output;

namespace SlmMesh.Cli.Commands;

/// <summary><c>lock acquire|release|list</c>: advisory file locks, held by the CLI's identity until their TTL or a release.</summary>
internal static class LockCommand
{
    public static Command Create(CommandKit kit)
    {
        var command = new Command("lock", "Take, release and list advisory file locks.") { Acquire(kit), Release(kit), List(kit) };
        CommandKit.ShowHelpWhenBare(command);
        return command;
    }

    private static Command Acquire(CommandKit kit)
    {
        var path = new Argument<string>("path") { Description = "A file, folder or glob (src/auth/**), relative to this folder or absolute." };
        var reason = new Option<string?>("--reason") { Description = "Why, shown to peers that run into the lock.", HelpName = "text" };
        var ttl = new Option<int>("--ttl") { Description = "Minutes until it expires unless renewed (1-60).", DefaultValueFactory = _ => 10, HelpName = "minutes" };
        ttl.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 60)
            {
                r.AddError("--ttl must be 1 to 60 minutes.");
            }
        });
        var wait = new Option<int>("--wait") { Description = "Seconds to wait for a conflicting lock to end (default: fail at once with exit 4).", HelpName = "seconds" };
        wait.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > 3600)
            {
                r.AddError("--wait must be 0 to 3600 seconds.");
            }
        });
        var command = new Command("acquire", "Lock a path for this CLI identity (renews a lock it already holds). Exit 4 when another peer holds it.") { path, reason, ttl, wait };
        kit.SetAction(command, async (result, output, ct) =>
        {
            int waitSeconds = result.GetValue(wait);
            TimeSpan? patience = waitSeconds > 0 ? TimeSpan.FromSeconds(waitSeconds) : null;
            await using MeshClient client = await MeshConnector.IdentityAsync(kit.Context, output, ct, TimeSpan.FromSeconds(30 + waitSeconds));
            Task<LockInfo> acquiring = client.AcquireLockAsync(result.GetValue(path)!, result.GetValue(reason), TimeSpan.FromMinutes(result.GetValue(ttl)), patience, ct);
            LockInfo granted = patience is null ? await acquiring : await output.WaitAsync($"Waiting up to {waitSeconds}s for the lock…", () => acquiring);
            if (output.Json)
            {
                output.WriteJson(json =>
                {
                    json.WriteStartObject();
                    json.WritePropertyName("lock");
                    JsonText.Lock(json, granted, Formats.Now);
                    json.WriteEndObject();
                });
            }
            else
            {
                output.Success(Formats.Invariant($"Locked {Formats.Folder(granted.Path, output.UserHome)} for {Formats.Duration(granted.ExpiresAt - Formats.Now)} as {granted.HolderName} (fencing token {granted.FencingToken})."));
                output.Line("Release it with 'slm-mesh lock release' from this folder, or let it expire.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Release(CommandKit kit)
    {
        var path = new Argument<string>("path") { Description = "The path or glob as locked." };
        var command = new Command("release", "Release a lock this CLI identity holds. Exit 4 when another peer holds it, 1 when nobody does.") { path };
        kit.SetAction(command, async (result, output, ct) =>
        {
            string target = result.GetValue(path)!;
            await using MeshClient client = await MeshConnector.IdentityAsync(kit.Context, output, ct);
            bool released;
            try
            {
                released = await client.ReleaseLockAsync(target, ct);
            }
            catch (MeshException ex) when (ex.Code == MeshErrorCode.Unauthorized)
            {
                // Someone else's lock: that is a conflict, not a broken setup.
                return output.Fail(ExitCodes.Conflict, MeshErrorCode.Locked, ex.Message);
            }

            if (!released)
            {
                return output.Fail(ExitCodes.Error, MeshErrorCode.NotFound, $"No lock on {target} is held by {client.Self?.Name}.");
            }

            if (output.Json)
            {
                output.WriteJson(json =>
                {
                    json.WriteStartObject();
                    json.WriteString("path", target);
                    json.WriteBoolean("released", true);
                    json.WriteEndObject();
                });
            }
            else
            {
                output.Success($"Released {target}.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(CommandKit kit)
    {
        var path = new Argument<string?>("path") { Description = "Only locks that cover or overlap this path or glob.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("list", "List the live locks.") { path };
        kit.SetAction(command, async (result, output, ct) =>
        {
            await using MeshClient client = await MeshConnector.ObserverAsync(kit.Context, output, ct);
            IReadOnlyList<LockInfo> locks = await client.QueryLocksAsync(result.GetValue(path), ct);
            long now = Formats.Now;
            if (output.Json)
            {
                output.WriteJson(json =>
                {
                    json.WriteStartObject();
                    json.WriteStartArray("locks");
                    foreach (LockInfo info in locks)
                    {
                        JsonText.Lock(json, info, now);
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                });
                return ExitCodes.Ok;
            }

            if (locks.Count == 0)
            {
                output.Line(result.GetValue(path) is { } p ? $"No lock covers {p}." : "No locks are held.");
                return ExitCodes.Ok;
            }

            Render(output, locks, now);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The locks table (shared with <c>top</c>).</summary>
    public static void Render(CliOutput output, IReadOnlyList<LockInfo> locks, long now, string? title = null) =>
        output.Table(
            ["Path", "Holder", "Reason", "Time left", "Token"],
            [.. locks.Select(l => (IReadOnlyList<string>)
            [
                Formats.Folder(l.Path, output.UserHome),
                l.HolderName,
                Formats.Clip(l.Reason, 40),
                Formats.Duration(l.ExpiresAt - now),
                Formats.Invariant($"{l.FencingToken}"),
            ])],
            title);
}
