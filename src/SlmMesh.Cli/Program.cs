using System.Runtime.InteropServices;
using SlmMesh.Cli;

using var stop = new CancellationTokenSource();

// The first Ctrl-C (or SIGTERM) asks the command to finish; a second one ends the process the hard way.
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !stop.IsCancellationRequested;
    stop.Cancel();
};
using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
{
    signal.Cancel = true;
    stop.Cancel();
});

return await Cli.RunAsync(args, CliContext.FromConsole(stop.Token));
