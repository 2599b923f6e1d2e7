using System.Runtime.InteropServices;

namespace VqDna.Torch.Serialization;

/// <summary>
/// A file's identity as the kernel sees it: the device it lives on and its inode, from statx(2). Two paths
/// name the same file exactly when their identities are equal, whatever symbolic or hard links lie between
/// them, which comparing path strings cannot tell (issue 7: `-o` equal to an input replaced that input).
/// </summary>
/// <param name="DeviceMajor">Major number of the device holding the file.</param>
/// <param name="DeviceMinor">Minor number of the device holding the file.</param>
/// <param name="Inode">Inode number on that device.</param>
/// <param name="Kind">Regular file, directory, FIFO, device… (of the link itself when links are not followed).</param>
public readonly partial record struct FileIdentity(uint DeviceMajor, uint DeviceMinor, ulong Inode, FileKind Kind)
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1, StatxIno = 0x100;
    private const int StatxSize = 256;

    /// <summary>
    /// The identity of <paramref name="path"/> (following symbolic links unless <paramref name="followLinks"/> is
    /// false), or null when nothing exists there. Off Linux, where statx does not exist, always null.
    /// </summary>
    /// <exception cref="IOException">stat failed for another reason than a missing file (e.g. permission denied).</exception>
    public static unsafe FileIdentity? Of(string path, bool followLinks = true)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!OperatingSystem.IsLinux()) return null;
        byte* buffer = stackalloc byte[StatxSize];
        if (statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxType | StatxIno, buffer) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            const int ENOENT = 2, ENOTDIR = 20;
            if (errno is ENOENT or ENOTDIR) return null;
            throw new IOException($"cannot stat '{path}': {Marshal.GetPInvokeErrorMessage(errno)}");
        }
        // struct statx is the same on every architecture: stx_mode (u16) at 28, stx_ino (u64) at 32,
        // stx_dev_major and stx_dev_minor (u32) at 136 and 140.
        ushort mode = *(ushort*)(buffer + 28);
        ulong inode = *(ulong*)(buffer + 32);
        uint major = *(uint*)(buffer + 136), minor = *(uint*)(buffer + 140);
        return new FileIdentity(major, minor, inode, KindOf(mode));
    }

    /// <summary>True when both paths exist and are the same file.</summary>
    public static bool SameFile(string a, string b) =>
        Of(a) is { } x && Of(b) is { } y && x.DeviceMajor == y.DeviceMajor && x.DeviceMinor == y.DeviceMinor && x.Inode == y.Inode;

    private static FileKind KindOf(ushort mode) => (mode & 0xF000) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Directory,
        0xA000 => FileKind.SymbolicLink,
        0x1000 => FileKind.Fifo,
        0x2000 => FileKind.CharacterDevice,
        0x6000 => FileKind.BlockDevice,
        0xC000 => FileKind.Socket,
        _ => FileKind.Unknown,
    };

    // glibc has exported statx since 2.28; "libc.so.6" because the unversioned libc.so is a linker script.
    [LibraryImport("libc.so.6", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int statx(int dirfd, string path, int flags, uint mask, byte* buffer);
}
