using System.CommandLine;

namespace SlmMesh.Cli.Commands;

/// <summary>The message text argument and type option of <c>send</c> and <c>broadcast</c>; <c>-</c> reads the text from standard input.</summary>
internal static class MessageArguments
{
    public static Argument<string> Text() => new("message") { Description = "The message text; '-' reads it from standard input." };

    public static Option<string> Type()
    {
        var type = new Option<string>("--type")
        {
            Description = "text (default), json, command or alert.",
            DefaultValueFactory = _ => MessageTypes.Text,
        };
        type.AcceptOnlyFromAmong(MessageTypes.Text, MessageTypes.Json, MessageTypes.Command, MessageTypes.Alert);
        return type;
    }

    public static async Task<string> ReadAsync(CliContext context, string text, CancellationToken cancellationToken) =>
        text == "-" ? (await context.Input.ReadToEndAsync(cancellationToken)).TrimEnd('\n', '\r') : text;
}
