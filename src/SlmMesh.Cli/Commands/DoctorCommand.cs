using System.CommandLine;
using SlmMesh.Cli.Doctor;

namespace SlmMesh.Cli.Commands;

/// <summary><c>doctor</c>: checks the mesh home, the broker and the agents' set-up, and says how to fix each problem.</summary>
internal static class DoctorCommand
{
    public static Command Create(CommandKit kit)
    {
        var command = new Command("doctor", "Check the mesh home and its permissions, stale files, the broker and its version, and each agent's set-up; print the fix for each problem (exit 1 when something fails). Never starts a broker.");
        kit.SetAction(command, async (_, output, ct) =>
        {
            IReadOnlyList<DoctorCheck> checks = await DoctorChecks.RunAsync(kit.Context, ct);
            bool ok = checks.All(c => c.Status != CheckStatus.Fail);
            if (output.Json)
            {
                output.WriteJson(json =>
                {
                    json.WriteStartObject();
                    json.WriteBoolean("ok", ok);
                    json.WriteStartArray("checks");
                    foreach (DoctorCheck check in checks)
                    {
                        json.WriteStartObject();
                        json.WriteString("name", check.Name);
                        json.WriteString("status", check.Status.ToString().ToLowerInvariant());
                        json.WriteString("message", check.Message);
                        json.WriteString("fix", check.Fix);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                });
            }
            else
            {
                foreach (DoctorCheck check in checks)
                {
                    (string markup, string plain) = check.Status switch
                    {
                        CheckStatus.Ok => ("[green]✔[/]", "ok  "),
                        CheckStatus.Warn => ("[yellow]![/]", "warn"),
                        _ => ("[red]✘[/]", "FAIL"),
                    };
                    string text = $"{check.Name}: {check.Message}";
                    output.Styled(markup + " " + Spectre.Console.Markup.Escape(text), plain + " " + text);
                    if (check.Fix is not null)
                    {
                        output.Line("       fix: " + check.Fix);
                    }
                }

                int failed = checks.Count(c => c.Status == CheckStatus.Fail);
                int warned = checks.Count(c => c.Status == CheckStatus.Warn);
                output.Line(failed == 0 ? Output.Formats.Invariant($"No problems found ({warned} notes).") : Output.Formats.Invariant($"{failed} problem(s) to fix."));
            }

            return ok ? ExitCodes.Ok : ExitCodes.Error;
        });
        return command;
    }
}
