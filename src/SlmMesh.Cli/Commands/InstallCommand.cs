using System.CommandLine;
using SlmMesh.Cli.Install;
using SlmMesh.Cli.Output;

namespace SlmMesh.Cli.Commands;

/// <summary>
/// <c>install &lt;agent&gt;</c>: registers the MCP server in the agent's configuration and, for Claude Code and Codex,
/// the hooks. Idempotent, with a <c>.bak</c> of every file it changes; <c>--dry-run</c> prints the diff instead.
/// </summary>
internal static class InstallCommand
{
    public static Command Create(CommandKit kit)
    {
        var agent = new Argument<string>("agent") { Description = "claude-code, cursor, vscode, windsurf or codex." };
        agent.AcceptOnlyFromAmong(AgentInstaller.Agents);
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the changes as a diff; write nothing." };
        var configDir = new Option<string?>("--config-dir")
        {
            Description = "The agent's configuration folder (default: ~/.claude or $CLAUDE_CONFIG_DIR, ~/.cursor, the VS Code user folder, ~/.codeium/windsurf, $CODEX_HOME or ~/.codex).",
            HelpName = "folder",
        };
        var mcpCommand = new Option<string?>("--mcp-command") { Description = "The MCP server to register (default: slm-mesh-mcp found on PATH or in ~/.dotnet/tools, as an absolute path).", HelpName = "path" };
        var cliCommand = new Option<string?>("--cli-command") { Description = "How hooks run this CLI (default: slm-mesh found on PATH, else this program).", HelpName = "path" };
        var command = new Command("install", "Register the mesh MCP server with an agent (and, for Claude Code and Codex, the hooks that deliver messages and guard locked files).")
        {
            agent, dryRun, configDir, mcpCommand, cliCommand,
        };
        kit.SetAction(command, (result, output, _) =>
        {
            CliContext context = kit.Context;
            var notes = new List<string>();
            string? mcp = result.GetValue(mcpCommand) ?? CommandLocator.Find("slm-mesh-mcp", context);
            if (mcp is null)
            {
                mcp = "slm-mesh-mcp";
                notes.Add("slm-mesh-mcp is not on PATH or in ~/.dotnet/tools: install it with 'dotnet tool install -g SlmMesh.Mcp' (or pass --mcp-command).");
            }

            var settings = new InstallSettings(context, result.GetValue(configDir), mcp, result.GetValue(cliCommand) ?? CommandLocator.CurrentCli(context));
            InstallPlan plan;
            try
            {
                plan = AgentInstaller.Plan(result.GetValue(agent)!, settings);
            }
            catch (InstallException ex)
            {
                return Task.FromResult(output.Fail(ExitCodes.Error, "invalid_config", ex.Message, "Nothing was changed: fix or move the file, then run the command again."));
            }

            bool dry = result.GetValue(dryRun);
            if (!dry)
            {
                foreach (ConfigChange change in plan.Changes)
                {
                    change.Apply();
                }
            }

            notes.AddRange(plan.Notes);
            Report(output, plan, notes, dry);
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private static void Report(CliOutput output, InstallPlan plan, IReadOnlyList<string> notes, bool dry)
    {
        if (output.Json)
        {
            output.WriteJson(json =>
            {
                json.WriteStartObject();
                json.WriteString("agent", plan.Agent);
                json.WriteBoolean("dryRun", dry);
                json.WriteBoolean("changed", plan.Changed);
                json.WriteStartArray("changes");
                foreach (ConfigChange change in plan.Changes)
                {
                    json.WriteStartObject();
                    json.WriteString("path", change.Path);
                    json.WriteString("action", change.Action);
                    json.WriteString("what", change.What);
                    json.WriteString("backup", change.Changed && change.Before is not null ? change.BackupPath : null);
                    if (dry && change.Changed)
                    {
                        json.WriteString("diff", change.Diff);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
                JsonText.Strings(json, "notes", notes);
                json.WriteEndObject();
            });
            return;
        }

        string Folder(string path) => Formats.Folder(path, output.UserHome);
        if (!plan.Changed)
        {
            output.Success($"slm-mesh is already installed for {plan.DisplayName}; nothing changed.");
        }
        else if (dry)
        {
            output.Line($"{plan.DisplayName}: these changes would be made (dry run, nothing written):");
            foreach (ConfigChange change in plan.Changes.Where(c => c.Changed))
            {
                output.Line(change.Diff.TrimEnd('\n'));
            }
        }
        else
        {
            output.Success($"Installed slm-mesh for {plan.DisplayName}:");
            foreach (ConfigChange change in plan.Changes)
            {
                string backup = change.Changed && change.Before is not null ? $"; backup {Folder(change.BackupPath)}" : string.Empty;
                output.Line($"  {change.Action,-9} {Folder(change.Path)} ({change.What}{backup})");
            }
        }

        foreach (string note in notes)
        {
            output.Line(note);
        }
    }
}
