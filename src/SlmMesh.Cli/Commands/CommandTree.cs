using System.CommandLine;

namespace SlmMesh.Cli.Commands;

/// <summary>Every command of <c>slm-mesh</c> (SPEC §7).</summary>
internal static class CommandTree
{
    public static RootCommand Build(CommandKit kit)
    {
        var root = new RootCommand("slm-mesh: the local mesh of AI coding agents. Peers, messages, shared state, file locks and events; agent set-up and hooks.")
        {
            StatusCommand.Create(kit),
            StartCommand.Create(kit),
            StopCommand.Create(kit),
            PeersCommand.Create(kit),
            SendCommand.CreateSend(kit),
            SendCommand.CreateBroadcast(kit),
            InboxCommand.Create(kit),
            StateCommand.Create(kit),
            LockCommand.Create(kit),
            EventsCommand.Create(kit),
            CleanCommand.Create(kit),
            VersionCommand.Create(kit),
            DoctorCommand.Create(kit),
            InstallCommand.Create(kit),
            HookCommand.Create(kit),
            TopCommand.Create(kit),
            BrokerCommand.Create(kit),
        };
        root.Options.Add(kit.Json);
        CommandKit.ShowHelpWhenBare(root);
        return root;
    }
}
