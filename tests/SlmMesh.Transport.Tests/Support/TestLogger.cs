using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SlmMesh.Transport.Tests.Support;

/// <summary>Collects log entries so tests can assert what was (not) logged.</summary>
internal sealed class TestLogger : ILogger
{
    public ConcurrentQueue<(LogLevel Level, EventId Id, string Message, Exception? Exception)> Entries { get; } = new();

    public IEnumerable<string> At(LogLevel level) => Entries.Where(e => e.Level >= level).Select(e => $"{e.Level} {e.Id.Id}: {e.Message} {e.Exception?.GetType().Name}");

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, eventId, formatter(state, exception), exception));
}
