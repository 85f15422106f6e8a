using SlmMesh.TestAgent;

// One process, three roles (see README.md beside this file):
//   broker --home H [--idle-ms N] [--away-ms N] [--restart-grace-ms N] [--tick-ms N] [--announce]
//   agent  --home H [--name N] [--peer-id ID] [--launcher process|none] [--manual-ack] [--no-reconnect] ...
//   hello  --socket S --token T        (connect and say hello only: reports welcome or the refusal)
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: SlmMesh.TestAgent broker|agent|hello --home H ...");
    return 2;
}

var arguments = Arguments.Parse(args.AsSpan(1));
return args[0] switch
{
    "broker" => await BrokerMode.RunAsync(arguments),
    "agent" => await AgentMode.RunAsync(arguments),
    "hello" => await HelloMode.RunAsync(arguments),
    _ => 2,
};
