using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using SlmMesh.Lifecycle;

namespace SlmMesh;

/// <summary>
/// The body of a broker process (the hosts' hidden <c>broker</c> command): detaches from the caller's
/// session, logs to <c>broker.log</c>, and serves until idle or asked to stop. Exits at once when another
/// broker already serves the home.
/// </summary>
public static partial class MeshBrokerProcess
{
    /// <summary>Runs a broker in this process until it stops.</summary>
    /// <param name="options">Broker settings.</param>
    /// <param name="detach">Start a new session so signals to the launching terminal or agent do not reach the broker.</param>
    /// <param name="minimumLevel">The lowest level written to <c>broker.log</c>.</param>
    /// <param name="cancellationToken">Stops the broker (for example on SIGTERM).</param>
    /// <returns>0 when the broker ran and stopped, or another broker was already serving; 1 when it failed to start.</returns>
    public static async Task<int> RunAsync(MeshBrokerOptions options, bool detach = true, LogLevel minimumLevel = LogLevel.Information, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (detach && !OperatingSystem.IsWindows())
        {
            _ = NativeMethods.setsid();
        }

        MeshHome home = MeshHome.Resolve(options.Home);
        home.EnsureExists();
        using var loggerFactory = new FileLoggerFactory(home.LogPath, minimumLevel);
        ILogger logger = loggerFactory.CreateLogger("SlmMesh.BrokerProcess");
        MeshBroker? broker;
        try
        {
            broker = await MeshBroker.TryStartAsync(options, loggerFactory, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MeshException or IOException or UnauthorizedAccessException)
        {
            Log.StartFailed(logger, ex);
            return 1;
        }

        if (broker is null)
        {
            Log.AlreadyRunning(logger, home.Directory);
            return 0;
        }

        await using (broker.ConfigureAwait(false))
        {
            using CancellationTokenRegistration stop = cancellationToken.Register(static b => _ = ((MeshBroker)b!).DisposeAsync().AsTask(), broker);
            await broker.Completion.ConfigureAwait(false);
        }

        return 0;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 20, Level = LogLevel.Error, Message = "The broker could not start")]
        public static partial void StartFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 21, Level = LogLevel.Debug, Message = "A broker already serves {Home}; exiting")]
        public static partial void AlreadyRunning(ILogger logger, string home);
    }

    private static partial class NativeMethods
    {
        [LibraryImport("libc", EntryPoint = "setsid")]
        internal static partial int setsid();
    }
}
