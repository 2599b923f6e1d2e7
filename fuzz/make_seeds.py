"""Writes the small fuzz seed corpus in fuzz/seeds/TARGET/ (run with /usr/bin/python3: Debian's torch).

Sequences come from the public genomes in data/ (phage lambda, human mitochondrion, lambda reads);
safetensors files are written byte by byte; torch.save zips come from torch itself. Each seed is a
few hundred bytes, so AFL's mutations reach the interesting parts quickly.
"""
import bz2, collections, gzip, io, json, lzma, os, struct, subprocess, sys

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEEDS = os.path.join(ROOT, "fuzz", "seeds")


def write(target, name, data):
    os.makedirs(os.path.join(SEEDS, target), exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(SEEDS, target, name), "wb") as f:
        f.write(data)


def lines(path, count):
    with gzip.open(os.path.join(ROOT, path), "rt") as f:
        return [next(f) for _ in range(count)]


def gz(data):
    # mtime 0 keeps the seeds byte-identical from run to run.
    return gzip.compress(data.encode(), mtime=0)


def fasta():
    head = "".join(lines("data/genomes/phage_lambda_NC_001416.fa.gz", 4))
    write("fasta", "lambda.fa", head)
    multi = ">r1 first record\nACGTNNNNacgtRYKM\nSWBDHV\n\n>r2\nNNNNNNNNNNNN\nACGU\n>r3 empty\n"
    write("fasta", "multi.fa", multi)
    write("fasta", "crlf.fa", ">crlf\r\nACGT\r\nGGCC\r\n")
    write("fasta", "multi.fa.gz", gz(multi))
    write("fasta", "members.fa.gz", gz(">a\nACGT\n") + gz(">b\nTTGA\n"))


def fastq():
    reads = "".join(lines("data/reads/lambda_reads_2000.fq.gz", 8))
    # Two reads, clipped to 60 bases so each seed stays small.
    out = []
    for i in range(0, 8, 4):
        h, s, p, q = reads.splitlines()[i:i + 4]
        out += [h, s[:60], p, q[:60]]
    write("fastq", "lambda.fq", "\n".join(out) + "\n")
    write("fastq", "ambiguous.fq", "@r1 desc\nACGTNRYK\n+\n!!##~~II\n@r2\nacgu\n+r2\nIIII\n")
    write("fastq", "lambda.fq.gz", gz("\n".join(out) + "\n"))


def genbank():
    mito = lines("data/genomes/human_mito_NC_001807.gbk.gz", 4)
    record = "".join(mito[:1]) + "".join(mito[1:4]) + (
        "FEATURES             Location/Qualifiers\n"
        "     source          1..120\n"
        "                     /organism=\"Homo sapiens\"\n"
        "     D-loop          complement(join(1..20,100..120))\n"
        "     gene            <21..>60\n"
        "                     /gene=\"TRNF\"\n"
        "     CDS             join(21..40,\n"
        "                     61..99)\n"
        "                     /product=\"a product name that\n"
        "                     continues\"\n"
        "     misc_feature    order(5^6,J01415.2:1..10)\n"
        "ORIGIN\n"
        "        1 gatcacaggt ctatcaccct attaaccact cacgggagct ctccatgcat ttggtatttt\n"
        "       61 cgtctggggg gtgtgcacgc gatagcattg cgagacgctg gagccggagc accctatgtn\n"
        "//\n")
    write("genbank", "mito.gbk", record)
    write("genbank", "two.gbk", "LOCUS       A 4 bp DNA\nORIGIN\n        1 acgt\n//\nLOCUS       B 2 bp\n"
          "VERSION     B.1\nFEATURES             Location/Qualifiers\n     gene            1..2\nORIGIN\n 1 ry\n//\n")
    write("genbank", "mito.gbk.gz", gz(record))


def safetensors(tensors, metadata=None):
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name, (dtype, shape, data) in tensors.items():
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(blobs)


def safetensors_seeds():
    f32 = struct.pack("<6f", 1, -2, 0.5, 3, 4, 5)
    write("safetensors", "two.safetensors", safetensors(
        {"w": ("F32", [2, 3], f32), "i": ("I64", [2], struct.pack("<2q", 7, -1))}, {"format": "pt"}))
    write("safetensors", "dtypes.safetensors", safetensors({
        "h": ("BF16", [2], b"\x80\x3f\x00\x40"), "b": ("BOOL", [3], b"\x01\x00\x01"),
        "e": ("F16", [0, 4], b""), "s": ("I8", [], b"\x05")}))
    write("safetensors", "empty.safetensors", safetensors({}))


def torch_seeds():
    def save(name, obj):
        buffer = io.BytesIO()
        torch.save(obj, buffer)
        write("torchzip", name, buffer.getvalue())

    torch.manual_seed(0)
    save("dict.pt", {"w": torch.arange(6, dtype=torch.float32).reshape(2, 3), "i": torch.tensor([1, 2], dtype=torch.int64)})
    linear = torch.nn.Linear(3, 2)
    save("state_dict.pt", collections.OrderedDict((k, v.detach()) for k, v in linear.state_dict().items()))
    base = torch.arange(8, dtype=torch.int16)
    save("views.pt", {"a": base[2:6], "t": base.reshape(2, 4).t(), "b": torch.tensor([True, False])})


def codes():
    write("codes", "two.tsv", "id\tlength\tlevel1\tlevel2\nr1\t4\t1 2 3 -1\t0 5 7 -1\nr2\t0\t\t\n")
    write("codes", "crlf.tsv", "id\tlength\tlevel1\r\nr\t3\t10 20 30\r\n")
    write("codes", "two.jsonl", '{"id":"r1","length":3,"levels":[[1,2,-1],[4,5,-1]]}\n{"id":"r2","length":1,"levels":[[0],[9]]}\n')


def compressed():
    # One FASTA in each tool's format, twice: the harness pipes an input when bit 2 of its length is set and passes it
    # by path when not, so each format gets a valid seed of each kind (the records grow a base at a time until it flips).
    def zstd(data):
        return subprocess.run(["zstd", "-q", "-c", "--no-check"], input=data, capture_output=True, check=True).stdout
    for extension, compress in [("xz", lzma.compress), ("bz2", bz2.compress), ("zst", zstd)]:
        found = {}
        for extra in range(64):
            data = compress(f">r1 compressed\nACGTNNNNacgt{'A' * extra}\n>r2\nGGCCTTAA\n".encode())
            found.setdefault(len(data) & 4, data)
            if len(found) == 2:
                break
        for parity, data in sorted(found.items()):
            write("compressed", f"x-{'pipe' if parity else 'path'}.fa.{extension}", data)


def safetensors_structured():
    # Choices, not files (fuzz/VqDna.Fuzz/StructuredSafetensors.cs reads them): all zeros is "{}"; the others pick a
    # metadata object and one or two valid tensors, so AFL starts from inputs that load.
    write("safetensors-structured", "empty.bin", b"\x00")
    one = [1, 0, 0, 0, 2, 2, 3, 0, 0, 0, 0, 0, 0, 1, 0, 0]                  # weight: F32 [2, 3]; padded header
    write("safetensors-structured", "one-f32.bin", bytes(one) + bytes(range(24)))
    two = [3, 3, 0, 1, 0, 0,                                                  # __metadata__ {"format": "pt"}
           0, 0, 1, 1, 4, 0, 0, 0, 0, 0, 0,                                   # weight: F64 [4]
           1, 0, 9, 1, 3, 0, 0, 0, 0, 0, 0,                                   # bias: BOOL [3]
           1, 0, 0]
    write("safetensors-structured", "meta-two.bin", bytes(two) + bytes([0, 1, 1]))


if __name__ == "__main__":
    fasta(); fastq(); genbank(); safetensors_seeds(); torch_seeds(); codes(); compressed(); safetensors_structured()
    for target in sorted(os.listdir(SEEDS)):
        files = os.listdir(os.path.join(SEEDS, target))
        sizes = [os.path.getsize(os.path.join(SEEDS, target, f)) for f in files]
        print(f"{target}: {len(files)} seeds, {min(sizes)}-{max(sizes)} bytes", file=sys.stderr)
