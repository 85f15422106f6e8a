using System.Text;
using SlmMesh.Cli.Output;

namespace SlmMesh.Cli.Hooks;

/// <summary>The exact JSON a Claude Code or Codex hook answers with, and the texts inside it.</summary>
internal static class HookReplies
{
    /// <summary>Room for messages in one context injection; the rest stays unread for the next hook or tool result.</summary>
    public const int MaxContextChars = 8000;

    public const int MaxPayloadChars = 2000;

    /// <summary><c>{"hookSpecificOutput":{"hookEventName":…,"additionalContext":…}}</c>.</summary>
    public static string Context(string eventName, string context) =>
        JsonText.Write(
            json =>
            {
                json.WriteStartObject();
                json.WriteStartObject("hookSpecificOutput");
                json.WriteString("hookEventName", eventName);
                json.WriteString("additionalContext", context);
                json.WriteEndObject();
                json.WriteEndObject();
            },
            indented: false);

    /// <summary><c>{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"deny","permissionDecisionReason":…}}</c>.</summary>
    public static string Deny(string reason) =>
        JsonText.Write(
            json =>
            {
                json.WriteStartObject();
                json.WriteStartObject("hookSpecificOutput");
                json.WriteString("hookEventName", HookEvents.PreToolUse);
                json.WriteString("permissionDecision", "deny");
                json.WriteString("permissionDecisionReason", reason);
                json.WriteEndObject();
                json.WriteEndObject();
            },
            indented: false);

    /// <summary>The new messages as context the model can act on, and how many fitted.</summary>
    public static (string Text, int Count) MessagesText(IReadOnlyList<MeshMessage> messages)
    {
        var text = new StringBuilder();
        int count = 0;
        foreach (MeshMessage message in messages)
        {
            string payload = message.Payload.Length <= MaxPayloadChars
                ? message.Payload
                : string.Concat(message.Payload.AsSpan(0, MaxPayloadChars), $"… [cut: {message.Payload.Length} chars; mesh_inbox with filter all shows it whole]");
            string line = $"- [{message.Id}] from {message.FromName}"
                + (message.Broadcast ? " to everyone" : string.Empty)
                + (message.Type == MessageTypes.Text ? string.Empty : $" ({message.Type})")
                + (message.ReplyTo is null ? string.Empty : $", replying to {message.ReplyTo}")
                + $", {Formats.ShortIso(message.CreatedAt)}: {payload}\n";
            if (count > 0 && text.Length + line.Length > MaxContextChars)
            {
                break;
            }

            text.Append(line);
            count++;
        }

        string header = count == 1
            ? "slm-mesh: 1 new message from another agent on this machine"
            : $"slm-mesh: {count} new messages from other agents on this machine";
        return ($"{header} (answer with the mesh_send tool, replyTo = the message id):\n{text.ToString().TrimEnd('\n')}", count);
    }

    /// <summary>Why an edit is refused: each lock in the way with its holder, reason and time left, and what to do instead.</summary>
    public static string DenyReason(IReadOnlyList<(string File, LockInfo Lock)> conflicts, long now)
    {
        var text = new StringBuilder();
        foreach ((string file, LockInfo held) in conflicts)
        {
            string what = held.IsGlob || !string.Equals(held.Path, file, StringComparison.Ordinal) ? $"{file} is covered by the lock on {held.Path}" : $"{file} is locked";
            string why = string.IsNullOrWhiteSpace(held.Reason) ? string.Empty : $" ({held.Reason})";
            text.Append($"{what}, held by {held.HolderName}{why} for {Formats.Duration(held.ExpiresAt - now)} more. ");
        }

        string holder = conflicts[0].Lock.HolderName;
        text.Append($"Do not edit it now: ask {holder} with mesh_send, wait for the lock (mesh_lock with waitSeconds), or work on something else.");
        return text.ToString();
    }
}
