using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;

namespace SlmMesh.Discovery;

internal static partial class ProcessTree
{
    // <sys/proc_info.h>: PROC_PIDTBSDINFO fills struct proc_bsdinfo (136 bytes).
    private const int ProcPidTbsdInfo = 3;
    private const int ProcBsdInfoSize = 136;
    private const int BsdStatusOffset = 4;
    private const int BsdParentOffset = 16;
    private const int BsdCommOffset = 48;
    private const int BsdCommLength = 16;
    private const int BsdNameOffset = 64;
    private const int BsdNameLength = 32;
    private const uint StatusZombie = 5;

    // <sys/sysctl.h>: CTL_KERN, KERN_PROCARGS2 = argc, exec path, NUL padding, argv..., environ...
    private const int CtlKern = 1;
    private const int KernProcArgs2 = 49;
    private const int EPerm = 1;
    private const int MaxProcArgsBytes = 2 * 1024 * 1024;

    [SupportedOSPlatform("macos")]
    private static unsafe bool TryReadMacOS(int processId, out ProcessEntry entry)
    {
        entry = default;
        byte* info = stackalloc byte[ProcBsdInfoSize];
        if (MacNative.proc_pidinfo(processId, ProcPidTbsdInfo, 0, info, ProcBsdInfoSize) != ProcBsdInfoSize)
        {
            return false;
        }

        var span = new ReadOnlySpan<byte>(info, ProcBsdInfoSize);
        string name = CString(span.Slice(BsdNameOffset, BsdNameLength));
        if (name.Length == 0)
        {
            name = CString(span.Slice(BsdCommOffset, BsdCommLength));
        }

        int parent = (int)BinaryPrimitives.ReadUInt32LittleEndian(span[BsdParentOffset..]);
        entry = new ProcessEntry(processId, parent, name, ReadCommandLineMacOS(processId));
        return true;
    }

    [SupportedOSPlatform("macos")]
    private static unsafe bool IsAliveMacOS(int processId)
    {
        if (MacNative.kill(processId, 0) != 0 && Marshal.GetLastPInvokeError() != EPerm)
        {
            return false;
        }

        byte* info = stackalloc byte[ProcBsdInfoSize];
        return MacNative.proc_pidinfo(processId, ProcPidTbsdInfo, 0, info, ProcBsdInfoSize) != ProcBsdInfoSize
            || BinaryPrimitives.ReadUInt32LittleEndian(new ReadOnlySpan<byte>(info + BsdStatusOffset, 4)) != StatusZombie;
    }

    [SupportedOSPlatform("macos")]
    private static unsafe string? ReadCommandLineMacOS(int processId)
    {
        int* mib = stackalloc int[] { CtlKern, KernProcArgs2, processId };
        nuint size = 0;
        if (MacNative.sysctl(mib, 3, null, &size, null, 0) != 0 || size <= 4)
        {
            return null;
        }

        // The kernel reports the size it needs (at most ARG_MAX, 1 MiB); a smaller buffer fails with ENOMEM.
        byte[] buffer = new byte[(int)Math.Min(size, MaxProcArgsBytes)];
        size = (nuint)buffer.Length;
        fixed (byte* data = buffer)
        {
            if (MacNative.sysctl(mib, 3, data, &size, null, 0) != 0 || size <= 4)
            {
                return null;
            }
        }

        return ParseProcArgs(buffer.AsSpan(0, (int)size));
    }

    /// <summary>Decodes exactly argc arguments of a KERN_PROCARGS2 buffer, never the environment after them.</summary>
    internal static string? ParseProcArgs(ReadOnlySpan<byte> buffer)
    {
        int argc = BinaryPrimitives.ReadInt32LittleEndian(buffer);
        ReadOnlySpan<byte> rest = buffer[4..];
        int pathEnd = rest.IndexOf((byte)0);
        if (argc <= 0 || pathEnd < 0)
        {
            return null;
        }

        rest = rest[pathEnd..].TrimStart((byte)0);
        var builder = new StringBuilder();
        for (int i = 0; i < argc && !rest.IsEmpty; i++)
        {
            int end = rest.IndexOf((byte)0);
            ReadOnlySpan<byte> argument = end < 0 ? rest : rest[..end];
            builder.Append(i == 0 ? string.Empty : " ").Append(Encoding.UTF8.GetString(argument));
            rest = end < 0 ? default : rest[(end + 1)..];
        }

        return builder.Length == 0 ? null : builder.ToString();
    }

    private static string CString(ReadOnlySpan<byte> bytes)
    {
        int end = bytes.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
    }

    private static unsafe partial class MacNative
    {
        [LibraryImport("libproc")]
        internal static partial int proc_pidinfo(int pid, int flavor, ulong arg, byte* buffer, int bufferSize);

        [LibraryImport("libc", SetLastError = true)]
        internal static partial int sysctl(int* name, uint nameLength, byte* oldValue, nuint* oldLength, byte* newValue, nuint newLength);

        [LibraryImport("libc", SetLastError = true)]
        internal static partial int kill(int pid, int signal);
    }
}
