using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace SlmMesh.Lifecycle;

/// <summary>
/// A minimal logger factory writing one line per entry to a 0600 file, rotated to <c>.1</c> past a size
/// limit. The broker process needs nothing more, and Core stays free of logging implementations.
/// </summary>
internal sealed class FileLoggerFactory : ILoggerFactory
{
    private const long MaxBytes = 10 * 1024 * 1024;

    private readonly string _path;
    private readonly LogLevel _minimum;
    private readonly Lock _gate = new();
    private StreamWriter? _writer;
    private bool _disposed;

    public FileLoggerFactory(string path, LogLevel minimum)
    {
        _path = path;
        _minimum = minimum;
        _writer = Open();
    }

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("The broker log writes to its file only.");

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            Discard();
        }
    }

    private StreamWriter Open()
    {
        var stream = new FileStream(_path, PrivateFiles.Options(FileMode.Append, FileAccess.Write, FileShare.ReadWrite));
        PrivateFiles.Restrict(_path);
        return new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true };
    }

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var line = new StringBuilder(128)
            .Append(DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture))
            .Append(' ').Append(level.ToString().ToUpperInvariant()[..4])
            .Append(' ').Append(category)
            .Append(": ").Append(message);
        if (exception is not null)
        {
            line.AppendLine().Append(exception);
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                _writer ??= Open();
                _writer.WriteLine(line.ToString());
                if (_writer.BaseStream.Length > MaxBytes)
                {
                    _writer.Dispose();
                    _writer = null;
                    File.Move(_path, _path + ".1", overwrite: true);
                    _writer = Open();
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A full or read-only disk must not take the broker down with its log: the line is lost, and
                // the file is reopened for the next one (a failed writer would keep the failed bytes).
                Discard();
            }
        }
    }

    private void Discard()
    {
        try
        {
            _writer?.Dispose();
        }
        catch (IOException)
        {
        }

        _writer = null;
    }

    private sealed class FileLogger(FileLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner._minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Write(logLevel, category, formatter(state, exception), exception);
            }
        }
    }
}
