using System.Diagnostics;

namespace SlmMesh.Reliability.Tests.Support;

/// <summary>Tools that need root (chattr, mount, setpriv): tests that use them skip when they cannot run.</summary>
public static class Privileged
{
    public static bool IsRoot => OperatingSystem.IsLinux() && Environment.IsPrivilegedProcess;

    /// <summary>Runs a command to completion (with a timeout) and returns its exit code and output.</summary>
    public static (int ExitCode, string Output) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill();
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish.");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Sets or clears the immutable attribute: even root cannot then write the file, not through open descriptors either.</summary>
    public static void Immutable(bool on, params string[] paths)
    {
        foreach (string path in paths.Where(File.Exists))
        {
            (int code, string output) = Run("chattr", on ? "+i" : "-i", path);
            Assert.True(code == 0, $"chattr failed on {path}: {output}");
        }
    }

    /// <summary>Whether chattr works here (root, a file system that supports the attribute).</summary>
    public static bool CanMakeImmutable(string folder)
    {
        if (!IsRoot)
        {
            return false;
        }

        string probe = Path.Combine(folder, ".immutable-probe");
        File.WriteAllText(probe, "x");
        try
        {
            (int code, _) = Run("chattr", "+i", probe);
            if (code != 0)
            {
                return false;
            }

            Run("chattr", "-i", probe);
            return true;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
        finally
        {
            File.Delete(probe);
        }
    }
}
