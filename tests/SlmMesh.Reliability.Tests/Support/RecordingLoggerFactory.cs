using Microsoft.Extensions.Logging;

namespace SlmMesh.Reliability.Tests.Support;

/// <summary>Keeps every log entry, and lets a test wait for one (the entry is the signal; nothing polls).</summary>
public sealed class RecordingLoggerFactory : ILoggerFactory
{
    private readonly List<(int EventId, LogLevel Level, string Message)> _entries = [];
    private TaskCompletionSource _logged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<(int EventId, LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public async Task<string> WaitForAsync(int eventId, TimeSpan timeout)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            Task logged;
            lock (_entries)
            {
                foreach ((int id, _, string message) in _entries)
                {
                    if (id == eventId)
                    {
                        return message;
                    }
                }

                logged = _logged.Task;
            }

            await logged.WaitAsync(deadline.Token);
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private void Add(int eventId, LogLevel level, string message)
    {
        TaskCompletionSource logged;
        lock (_entries)
        {
            _entries.Add((eventId, level, message));
            logged = _logged;
            _logged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        logged.TrySetResult();
    }

    private sealed class Logger(RecordingLoggerFactory owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Add(eventId.Id, logLevel, formatter(state, exception));
    }
}
