#!/usr/bin/env python3
"""Rebuilds the embedded default data under data/ from Debian packages.

Usage: python3 data/build_default.py PACKAGES_DIR
where PACKAGES_DIR holds each package extracted with `apt-get download P && dpkg -x P_*.deb PACKAGES_DIR/P`
for P in cct-examples vt-examples r-bioc-bsgenome pilon bowtie2-examples ragout-examples r-bioc-biostrings.
Output is deterministic (gzip with mtime 0), so a rebuild gives identical bytes.
"""
import gzip, os, re, sys

root = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
CCT = 'cct-examples/usr/share/doc/cct/examples/sample_projects'


def read_fasta(path):
    opener = gzip.open if open(path, 'rb').read(2) == b'\x1f\x8b' else open
    name, seq = None, []
    with opener(path, 'rt') as f:
        for line in f:
            if line.startswith('>'):
                if name is not None:
                    yield name, ''.join(seq)
                name, seq = line[1:].strip(), []
            else:
                seq.append(line.strip())
    if name is not None:
        yield name, ''.join(seq)


def write_gz(rel, text):
    path = os.path.join(here, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as raw, gzip.GzipFile(fileobj=raw, mode='wb', mtime=0, filename='') as f:
        f.write(text.encode('ascii'))
    print(f'{rel}: {os.path.getsize(path)} bytes')


def fasta(records):
    out = []
    for name, seq in records:
        out.append('>' + name + '\n')
        out.extend(seq[i:i + 60] + '\n' for i in range(0, len(seq), 60))
    return ''.join(out)


def window(pkg_path, start, length, header, record=0):
    name, seq = list(read_fasta(os.path.join(root, pkg_path)))[record] if record else next(read_fasta(os.path.join(root, pkg_path)))
    return header, seq[start:start + length]


def genbank_subset(pkg_path, length):
    """The first `length` bases of a GenBank record, keeping the features that lie inside them."""
    lines = gzip.open(os.path.join(root, pkg_path), 'rt').read().split('\n')
    out, i = [], 0
    while not lines[i].startswith('FEATURES'):
        line = lines[i]
        if line.startswith('LOCUS'):
            line = re.sub(r'\s\d+ bp', f' {length} bp', line).replace('circular', 'linear  ')
        out.append(line)
        i += 1
    out.append(lines[i]); i += 1
    feature = []
    def flush():
        if feature:
            loc = feature[0][21:].strip()
            for l in feature[1:]:
                if l[21:].startswith('/'):
                    break
                loc += l[21:].strip()
            numbers = [int(n) for n in re.findall(r'\d+', loc)]
            if numbers and max(numbers) <= length and ':' not in loc:
                out.extend(feature)
    while not lines[i].startswith('ORIGIN') and not lines[i].startswith('BASE COUNT'):
        if lines[i][5] != ' ':
            flush(); feature = []
        feature.append(lines[i])
        i += 1
    flush()
    while not lines[i].startswith('ORIGIN'):
        i += 1
    out.append('ORIGIN')
    i += 1
    seq = []
    while not lines[i].startswith('//'):
        seq.append(''.join(lines[i].split()[1:]))
        i += 1
    seq = ''.join(seq)[:length]
    for p in range(0, len(seq), 60):
        chunk = seq[p:p + 60]
        out.append(f'{p + 1:>9} ' + ' '.join(chunk[j:j + 10] for j in range(0, len(chunk), 10)))
    out.append('//')
    return '\n'.join(out) + '\n'


# Annotated GenBank (CDS/gene features, both strands).
write_gz('genomes/ecoli_k12_NC_000913_200kb.gbk.gz',
         genbank_subset(f'{CCT}/sample_project_3/comparison_genomes/NC_000913.gbk.gz', 200_000))
with gzip.open(os.path.join(root, f'{CCT}/sample_project_5/comparison_genomes/Human_mito.gbk.gz'), 'rt') as f:
    write_gz('genomes/human_mito_NC_001807.gbk.gz', f.read())
write_gz('genomes/mmaripaludis_200kb.gbk.gz',
         genbank_subset(f'{CCT}/sample_project_2/comparison_genomes/Methanococcus_maripaludis.gbk.gz', 200_000))

# FASTA windows of several species.
write_gz('genomes/human_chr20_1000000_300kb.fa.gz', fasta([window(
    'vt-examples/usr/share/doc/vt/examples/ref/20.fa.gz', 1_000_000, 300_000,
    '20:1000001-1300000 Homo sapiens GRCh37 chromosome 20')]))
write_gz('genomes/celegans_chrX_1000000_300kb.fa.gz', fasta([window(
    'r-bioc-bsgenome/usr/lib/R/site-library/BSgenome/extdata/ce2chrX.fa.gz', 1_000_000, 300_000,
    'chrX:1000001-1300000 Caenorhabditis elegans ce2 chromosome X')]))
RAGOUT = 'ragout-examples/usr/share/doc/ragout/examples'
for species, path, label in [
        ('vcholerae_O395', 'V.Cholerae/references/O395.fasta.gz', 'CP001235.1:1-200000 Vibrio cholerae O395 chromosome I'),
        ('hpylori_G27', 'H.Pylori/references/G27.fasta.gz', 'NC_011333.1:1-200000 Helicobacter pylori G27 chromosome'),
        ('saureus_N315', 'S.Aureus/references/N315.fasta.gz', 'NC_002745.2:1-200000 Staphylococcus aureus N315 chromosome')]:
    write_gz(f'genomes/{species}_200kb.fa.gz', fasta([window(f'{RAGOUT}/{path}', 0, 200_000, label)]))
write_gz('genomes/sars_cov2_NC_045512.fa.gz', fasta(read_fasta(os.path.join(root, 'pilon/usr/share/doc/pilon/examples/NC_045512.2.fasta'))))
write_gz('genomes/phage_lambda_NC_001416.fa.gz', fasta([
    ('NC_001416.1 Enterobacteria phage lambda, complete genome', s) for _, s in
    read_fasta(os.path.join(root, 'bowtie2-examples/usr/share/doc/bowtie2/examples/reference/lambda_virus.fa.gz'))]))
# Fly: the first 300 upstream regions (2 kb before each transcript start) of dm3_upstream2000.
fly = list(r for _, r in zip(range(300), read_fasta(os.path.join(root, 'r-bioc-biostrings/usr/lib/R/site-library/Biostrings/extdata/dm3_upstream2000.fa.gz'))))
write_gz('genomes/fly_dm3_upstream2000_300.fa.gz', fasta(fly))

# Reads: the first 2,000 FASTQ records of bowtie2's example reads (simulated from phage lambda).
with gzip.open(os.path.join(root, 'bowtie2-examples/usr/share/doc/bowtie2/examples/reads/reads_1.fq.gz'), 'rt') as f:
    write_gz('reads/lambda_reads_2000.fq.gz', ''.join(line for _, line in zip(range(8000), f)))
