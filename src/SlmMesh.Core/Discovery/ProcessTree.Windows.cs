using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace SlmMesh.Discovery;

internal static partial class ProcessTree
{
    private const uint ProcessQueryLimitedInformation = 0x1000;
    private const uint Synchronize = 0x0010_0000;
    private const int ProcessBasicInformationClass = 0;
    private const int ProcessCommandLineInformationClass = 60;
    private const int StatusInfoLengthMismatch = unchecked((int)0xC000_0004);
    private const int ErrorAccessDenied = 5;
    private const uint WaitTimeout = 0x102;

    [SupportedOSPlatform("windows")]
    private static unsafe bool TryReadWindows(int processId, out ProcessEntry entry)
    {
        entry = default;
        nint handle = WinNative.OpenProcess(ProcessQueryLimitedInformation, 0, processId);
        if (handle == 0)
        {
            return false;
        }

        try
        {
            BasicInformation info;
            if (WinNative.NtQueryInformationProcess(handle, ProcessBasicInformationClass, &info, sizeof(BasicInformation), out _) != 0)
            {
                return false;
            }

            string? name = ProcessName(processId);
            if (name is null)
            {
                return false;
            }

            int parent = (int)info.InheritedFromUniqueProcessId;
            entry = new ProcessEntry(processId, StartedBefore(parent, processId) ? parent : 0, name, ReadCommandLineWindows(handle));
            return true;
        }
        finally
        {
            _ = WinNative.CloseHandle(handle);
        }
    }

    [SupportedOSPlatform("windows")]
    private static bool IsAliveWindows(int processId)
    {
        nint handle = WinNative.OpenProcess(Synchronize | ProcessQueryLimitedInformation, 0, processId);
        if (handle == 0)
        {
            // A process we may not open (another user's, protected) still exists.
            return Marshal.GetLastPInvokeError() == ErrorAccessDenied;
        }

        try
        {
            return WinNative.WaitForSingleObject(handle, 0) == WaitTimeout;
        }
        finally
        {
            _ = WinNative.CloseHandle(handle);
        }
    }

    [SupportedOSPlatform("windows")]
    private static unsafe string? ReadCommandLineWindows(nint handle)
    {
        // Returns a UNICODE_STRING whose buffer lies inside ours (Windows 8.1 and later).
        int size = 1024;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            byte[] buffer = new byte[size];
            fixed (byte* data = buffer)
            {
                int status = WinNative.NtQueryInformationProcess(handle, ProcessCommandLineInformationClass, data, size, out int needed);
                if (status == StatusInfoLengthMismatch && needed > size && needed <= MaxCommandLineBytes * 4)
                {
                    size = needed;
                    continue;
                }

                if (status != 0)
                {
                    return null;
                }

                var text = (UnicodeString*)data;
                return text->Length == 0 || text->Buffer == 0 ? null : new string((char*)text->Buffer, 0, text->Length / 2);
            }
        }

        return null;
    }

    private static string? ProcessName(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return process.ProcessName;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or Win32Exception)
        {
            return null;
        }
    }

    // Windows reuses the ids of exited parents: a "parent" younger than its child is someone else.
    private static bool StartedBefore(int parentId, int childId)
    {
        if (parentId <= 0)
        {
            return false;
        }

        try
        {
            using var parent = Process.GetProcessById(parentId);
            using var child = Process.GetProcessById(childId);
            return parent.StartTime <= child.StartTime;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Gone, or a protected process whose start time we may not read: keep the link.
            return ex is Win32Exception;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct BasicInformation
    {
        public nint ExitStatus;
        public nint PebBaseAddress;
        public nuint AffinityMask;
        public nint BasePriority;
        public nuint UniqueProcessId;
        public nuint InheritedFromUniqueProcessId;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct UnicodeString
    {
        public ushort Length;
        public ushort MaximumLength;
        public nint Buffer;
    }

    private static unsafe partial class WinNative
    {
        [LibraryImport("kernel32.dll", SetLastError = true)]
        internal static partial nint OpenProcess(uint access, int inheritHandle, int processId);

        [LibraryImport("kernel32.dll")]
        internal static partial int CloseHandle(nint handle);

        [LibraryImport("kernel32.dll")]
        internal static partial uint WaitForSingleObject(nint handle, uint milliseconds);

        [LibraryImport("ntdll.dll")]
        internal static partial int NtQueryInformationProcess(nint handle, int informationClass, void* information, int length, out int returnLength);
    }
}
