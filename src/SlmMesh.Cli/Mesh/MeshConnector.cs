using SlmMesh.Cli.Output;

namespace SlmMesh.Cli.Mesh;

/// <summary>
/// The three ways the CLI connects. Read commands connect as an observer (no identity); write commands as
/// the CLI's ephemeral peer (<see cref="CliIdentity"/>); both start a detached broker when none runs. Commands
/// that must not start one (<c>status</c>, <c>stop</c>, <c>version</c>, <c>doctor</c>) connect without it.
/// </summary>
internal static class MeshConnector
{
    public static readonly string ClientName = "slm-mesh-cli/" + CliVersion.Current;

    /// <summary>An observer, starting a broker when none runs (with a spinner on a terminal).</summary>
    public static Task<MeshClient> ObserverAsync(CliContext context, CliOutput output, CancellationToken cancellationToken) =>
        ConnectAsync(context, output, Options(context, autoStart: true) with { Role = MeshClientRole.Observer }, cancellationToken);

    /// <summary>An observer of a running broker only: <c>unavailable</c> at once when none answers.</summary>
    public static Task<MeshClient> ExistingObserverAsync(CliContext context, CancellationToken cancellationToken, TimeSpan? timeout = null) =>
        MeshClient.ConnectAsync(
            Options(context, autoStart: false) with { Role = MeshClientRole.Observer, Reconnect = false, ConnectTimeout = timeout ?? TimeSpan.FromSeconds(3) },
            cancellationToken);

    /// <summary>The CLI's own ephemeral peer, starting a broker when none runs.</summary>
    public static Task<MeshClient> IdentityAsync(CliContext context, CliOutput output, CancellationToken cancellationToken, TimeSpan? requestTimeout = null)
    {
        CliIdentity identity = CliIdentity.For(context);
        MeshClientOptions options = Options(context, autoStart: true) with
        {
            Role = MeshClientRole.Peer,
            Ephemeral = true,
            PeerId = identity.PeerId,
            Name = identity.Name,
            AgentType = "cli",
            AgentProcessId = Environment.ProcessId,

            // Messages pushed on registering stay unread until `inbox` reads them on purpose.
            AutoAcknowledge = false,
            RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(30),
        };
        return ConnectAsync(context, output, options, cancellationToken);
    }

    /// <summary>Whether a broker seems to run: its token and socket exist (not proof; a connect is).</summary>
    public static bool LooksRunning(MeshHome home) => home.ReadToken() is not null && File.Exists(home.SocketPath);

    private static MeshClientOptions Options(CliContext context, bool autoStart) => new()
    {
        Home = context.Home.Directory,
        Cwd = context.CurrentDirectory,
        ClientName = ClientName,
        AutoStart = autoStart,
        BrokerLauncher = autoStart ? context.BrokerLauncher([]) : null,
        ConnectTimeout = TimeSpan.FromSeconds(15),
        RequestTimeout = TimeSpan.FromSeconds(30),
    };

    private static Task<MeshClient> ConnectAsync(CliContext context, CliOutput output, MeshClientOptions options, CancellationToken cancellationToken)
    {
        if (LooksRunning(context.Home))
        {
            return MeshClient.ConnectAsync(options, cancellationToken);
        }

        return output.WaitAsync("Starting the mesh broker…", () => MeshClient.ConnectAsync(options, cancellationToken));
    }
}
