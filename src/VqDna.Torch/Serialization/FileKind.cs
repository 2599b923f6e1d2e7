namespace VqDna.Torch.Serialization;

/// <summary>What a path names, as stat(2) reports it (S_IFMT).</summary>
public enum FileKind
{
    /// <summary>A regular file.</summary>
    Regular,
    /// <summary>A directory.</summary>
    Directory,
    /// <summary>A symbolic link.</summary>
    SymbolicLink,
    /// <summary>A named pipe (FIFO).</summary>
    Fifo,
    /// <summary>A character device, e.g. /dev/null.</summary>
    CharacterDevice,
    /// <summary>A block device.</summary>
    BlockDevice,
    /// <summary>A Unix domain socket.</summary>
    Socket,
    /// <summary>A kind stat(2) reports that none of the others names.</summary>
    Unknown,
}
