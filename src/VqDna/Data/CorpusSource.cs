namespace VqDna.Data;

/// <summary>
/// One genome file of the multi-species corpus and the Debian package that ships it.
/// </summary>
/// <param name="Species">Scientific name, plus the replicon when the file is not a whole genome.</param>
/// <param name="Package">The Debian package (fetched with apt-get download, never installed).</param>
/// <param name="PathInPackage">The file's path inside the package.</param>
/// <param name="Kind">"genome", "chromosome", "organelle" or "virus": what the file holds.</param>
public sealed record CorpusSource(string Species, string Package, string PathInPackage, string Kind)
{
    private const string Cct = "usr/share/doc/cct/examples/sample_projects/";
    private const string Ragout = "usr/share/doc/ragout/examples/";

    /// <summary>
    /// The corpus: 20 species (bacteria, archaea, a fungus, a plant organelle, animals, viruses)
    /// from ten Debian packages; about 250 Mbp in all. Every path was checked against the
    /// packages of Debian bookworm.
    /// </summary>
    public static readonly IReadOnlyList<CorpusSource> Default =
    [
        new("Escherichia coli K-12 MG1655", "cct-examples", Cct + "sample_project_3/comparison_genomes/NC_000913.gbk.gz", "genome"),
        new("Bradyrhizobium japonicum USDA 110", "cct-examples", Cct + "sample_project_3/reference_genome/NC_004463.gbk.gz", "genome"),
        new("Methanococcus maripaludis S2", "cct-examples", Cct + "sample_project_2/comparison_genomes/Methanococcus_maripaludis.gbk.gz", "genome"),
        new("Methanosarcina acetivorans C2A", "cct-examples", Cct + "sample_project_2/comparison_genomes/Methanosarcina_acetivorans.gbk.gz", "genome"),
        new("Thermococcus kodakarensis KOD1", "cct-examples", Cct + "sample_project_2/comparison_genomes/Thermococcus_kodakaraensis.gbk.gz", "genome"),
        new("Methanothermobacter thermautotrophicus", "cct-examples", Cct + "sample_project_2/reference_genome/Methanobacterium_thermoautotrophicum.gbk.gz", "genome"),
        new("Arabidopsis thaliana mitochondrion", "cct-examples", Cct + "sample_project_5/comparison_genomes/Arabidopsis_mito.gbk.gz", "organelle"),
        new("Homo sapiens mitochondrion", "cct-examples", Cct + "sample_project_5/comparison_genomes/Human_mito.gbk.gz", "organelle"),
        new("Homo sapiens chromosome 20 (GRCh37)", "vt-examples", "usr/share/doc/vt/examples/ref/20.fa.gz", "chromosome"),
        new("Homo sapiens chromosome X, first 70 Mb (GRCh37)", "smalt-examples", "usr/share/doc/smalt/test/data/hs37chrXtrunc.fa.gz", "chromosome"),
        new("Plasmodium falciparum", "smalt-examples", "usr/share/doc/smalt/test/data/genome_1.fa.gz", "genome"),
        new("Caenorhabditis elegans chromosome X (ce2)", "r-bioc-bsgenome", "usr/lib/R/site-library/BSgenome/extdata/ce2chrX.fa.gz", "chromosome"),
        new("Drosophila melanogaster chromosome 2R", "augustus-doc", "usr/share/doc/augustus/tutorial/data/chr2R.fa", "chromosome"),
        new("Ustilago maydis", "maffilter-examples", "usr/share/doc/maffilter/examples/Umaydis/Umaydis.fasta.gz", "genome"),
        new("Vibrio cholerae O395", "ragout-examples", Ragout + "V.Cholerae/references/O395.fasta.gz", "genome"),
        new("Helicobacter pylori G27", "ragout-examples", Ragout + "H.Pylori/references/G27.fasta.gz", "genome"),
        new("Staphylococcus aureus N315", "ragout-examples", Ragout + "S.Aureus/references/N315.fasta.gz", "genome"),
        new("Klebsiella pneumoniae MGH 78578", "kleborate-examples", "usr/share/doc/kleborate/examples/data/MGH78578.fna.xz", "genome"),
        new("SARS-CoV-2 Wuhan-Hu-1", "pilon", "usr/share/doc/pilon/examples/NC_045512.2.fasta", "virus"),
        new("Enterobacteria phage lambda", "bowtie2-examples", "usr/share/doc/bowtie2/examples/reference/lambda_virus.fa.gz", "virus"),
    ];
}
