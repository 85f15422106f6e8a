using System.CommandLine;
using SlmMesh.Cli.Output;

namespace SlmMesh.Cli.Commands;

/// <summary>What every command factory needs: the context and the shared <c>--json</c> option.</summary>
internal sealed class CommandKit(CliContext context)
{
    public CliContext Context { get; } = context;

    /// <summary><c>--json</c>, recognised after any command.</summary>
    public Option<bool> Json { get; } = new("--json") { Description = "Print machine-readable JSON instead of text.", Recursive = true };

    /// <summary>
    /// Sets the command's action: builds the output for <c>--json</c>, runs <paramref name="run"/>, and turns
    /// mesh errors into their exit codes (3 unavailable, 4 conflict, 2 invalid argument, 1 otherwise).
    /// </summary>
    public void SetAction(Command command, Func<ParseResult, CliOutput, CancellationToken, Task<int>> run) =>
        command.SetAction(async (result, cancellationToken) =>
        {
            var output = new CliOutput(Context, result.GetValue(Json));
            try
            {
                return await run(result, output, cancellationToken);
            }
            catch (MeshException ex)
            {
                return Report(output, ex);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return output.Fail(ExitCodes.Error, "cancelled", "Interrupted.");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return output.Fail(ExitCodes.Error, "io_error", ex.Message);
            }
        });

    /// <summary>A group command (<c>state</c>, <c>lock</c>) run without a subcommand: its help, and exit 2.</summary>
    public static void ShowHelpWhenBare(Command command) =>
        command.SetAction(result =>
        {
            new System.CommandLine.Help.HelpAction().Invoke(result);
            return ExitCodes.Usage;
        });

    public static int Report(CliOutput output, MeshException ex)
    {
        int code = ExitCodes.For(ex.Code);
        string? hint = ex.Code switch
        {
            MeshErrorCode.Unavailable => "The broker did not answer. 'slm-mesh doctor' checks the mesh home and the broker log.",
            MeshErrorCode.Locked => "Wait for it (--wait), ask the holder, or work on something else.",
            _ => null,
        };
        return output.Fail(code, ex.Code, ex.Message, hint, ex.Error is { } error ? json => ErrorDetails(json, error) : null);
    }

    private static void ErrorDetails(System.Text.Json.Utf8JsonWriter json, Transport.Messages.ErrorBody error)
    {
        if (error.CurrentVersion is { } version)
        {
            json.WriteNumber("currentVersion", version);
        }

        if (error.Lock is { } held)
        {
            json.WritePropertyName("lock");
            JsonText.Lock(json, held, Formats.Now);
        }
    }
}
