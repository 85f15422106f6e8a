namespace SlmMesh.Cli.Tests.Support;

/// <summary>A string writer that can be read while a command still writes to it, and waited on.</summary>
public sealed class WatchedWriter : StringWriter
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WatchedWriter()
    {
        NewLine = "\n";
    }

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return ToString();
            }
        }
    }

    public override void Write(char value)
    {
        lock (_gate)
        {
            base.Write(value);
        }

        Signal();
    }

    public override void Write(string? value)
    {
        lock (_gate)
        {
            base.Write(value);
        }

        Signal();
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (_gate)
        {
            base.Write(buffer, index, count);
        }

        Signal();
    }

    /// <summary>Waits until the text written so far satisfies <paramref name="condition"/>.</summary>
    public async Task WaitForAsync(Func<string, bool> condition, TimeSpan? timeout = null)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            Task next;
            lock (_gate)
            {
                next = _written.Task;
            }

            if (condition(Text))
            {
                return;
            }

            try
            {
                await next.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail("Timed out waiting for output; so far:\n" + Text);
            }
        }
    }

    private void Signal()
    {
        TaskCompletionSource done;
        lock (_gate)
        {
            done = _written;
            _written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        done.TrySetResult();
    }
}
