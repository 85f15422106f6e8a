using System.CommandLine;
using SlmMesh.Cli.Mesh;
using SlmMesh.Cli.Output;
using SlmMesh.Cli.Top;
using Spectre.Console;

namespace SlmMesh.Cli.Commands;

/// <summary>
/// <c>top</c>: a live view of peers, locks and message traffic that redraws on every event (and each second, for
/// the clocks). q or Ctrl-C quits. With <c>--json</c>, or when output is not a terminal, one snapshot.
/// </summary>
internal static class TopCommand
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    public static Command Create(CommandKit kit)
    {
        var command = new Command("top", "A live view of peers, locks and message traffic (q or Ctrl-C quits). Piped or with --json: one snapshot.");
        kit.SetAction(command, async (_, output, ct) =>
        {
            await using MeshClient client = await MeshConnector.ObserverAsync(kit.Context, output, ct);
            if (!output.Rich)
            {
                TopView.Once(output, await TopSnapshot.LoadAsync(client, ct), Formats.Now);
                return ExitCodes.Ok;
            }

            await LiveAsync(kit.Context, client, ct);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task LiveAsync(CliContext context, MeshClient client, CancellationToken cancellationToken)
    {
        using var quit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var changed = new SemaphoreSlim(0);
        Task watching = WatchAsync(client, changed, quit.Token);
        Task keys = QuitOnKeyAsync(context, quit);
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = context.UseColor ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(context.Output),
        });

        // The alternate screen keeps the user's scrollback as it was when top exits.
        context.Output.Write("\u001b[?1049h\u001b[H");
        try
        {
            TopSnapshot first = await TopSnapshot.LoadAsync(client, quit.Token);
            await console.Live(TopView.Live(first, context.UserHome, Formats.Now)).StartAsync(async live =>
            {
                while (!quit.IsCancellationRequested)
                {
                    try
                    {
                        await changed.WaitAsync(Tick, quit.Token);
                        TopSnapshot snapshot = await TopSnapshot.LoadAsync(client, quit.Token);
                        live.UpdateTarget(TopView.Live(snapshot, context.UserHome, Formats.Now));
                        live.Refresh();
                    }
                    catch (OperationCanceledException) when (quit.IsCancellationRequested)
                    {
                        break;
                    }
                }
            });
        }
        catch (OperationCanceledException) when (quit.IsCancellationRequested)
        {
            // q or Ctrl-C before the first frame.
        }
        finally
        {
            await quit.CancelAsync();
            context.Output.Write("\u001b[?1049l");
            await context.Output.FlushAsync(CancellationToken.None);
            await Task.WhenAll(watching, keys);
            changed.Dispose();
        }
    }

    private static async Task WatchAsync(MeshClient client, SemaphoreSlim changed, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (MeshEvent _ in client.WatchEventsAsync(null, null, cancellationToken))
            {
                if (changed.CurrentCount == 0)
                {
                    changed.Release();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (MeshException)
        {
            // The view keeps refreshing on its tick without live events.
        }
    }

    private static async Task QuitOnKeyAsync(CliContext context, CancellationTokenSource quit)
    {
        if (context.ReadKey is null)
        {
            return;
        }

        while (!quit.IsCancellationRequested)
        {
            ConsoleKeyInfo? key = await context.ReadKey(quit.Token);
            if (key is null || key.Value.Key is ConsoleKey.Q or ConsoleKey.Escape)
            {
                await quit.CancelAsync();
                return;
            }
        }
    }
}
