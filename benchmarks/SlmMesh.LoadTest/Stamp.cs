using System.Diagnostics;
using System.Globalization;

namespace SlmMesh.LoadTest;

/// <summary>
/// A message payload that carries when it was sent (a <see cref="Stopwatch"/> timestamp, comparable inside
/// one process) and which sender is waiting for it, padded to the wanted size.
/// </summary>
internal static class Stamp
{
    private const int StampDigits = 20;
    private const int SenderDigits = 6;

    public const int MinPayloadBytes = StampDigits + SenderDigits + 2;

    /// <summary>"{timestamp}|{sender}|xxxx…"; a sender of -1 waits for nothing.</summary>
    public static string Create(int sender, int size)
    {
        long now = Stopwatch.GetTimestamp();
        return string.Create(size, (now, sender), static (span, state) =>
        {
            span.Fill('x');
            state.now.TryFormat(span[..StampDigits], out _, "D20", CultureInfo.InvariantCulture);
            span[StampDigits] = '|';
            if (state.sender < 0)
            {
                span.Slice(StampDigits + 1, SenderDigits).Fill('-');
            }
            else
            {
                state.sender.TryFormat(span.Slice(StampDigits + 1, SenderDigits), out _, "D6", CultureInfo.InvariantCulture);
            }

            span[StampDigits + 1 + SenderDigits] = '|';
        });
    }

    /// <summary>The timestamp and sender of a payload made by <see cref="Create"/>.</summary>
    public static (long SentAt, int Sender) Read(string payload)
    {
        ReadOnlySpan<char> span = payload;
        long sentAt = long.Parse(span[..StampDigits], NumberStyles.None, CultureInfo.InvariantCulture);
        ReadOnlySpan<char> sender = span.Slice(StampDigits + 1, SenderDigits);
        return (sentAt, sender[0] == '-' ? -1 : int.Parse(sender, NumberStyles.None, CultureInfo.InvariantCulture));
    }
}
