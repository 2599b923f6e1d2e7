namespace VqDna.Torch.Serialization;

/// <summary>What a path names, as stat(2) reports it (S_IFMT).</summary>
public enum FileKind
{
    Regular,
    Directory,
    SymbolicLink,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    Unknown,
}
