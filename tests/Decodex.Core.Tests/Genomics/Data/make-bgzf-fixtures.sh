#!/usr/bin/env bash
# Regenerates the BGZF/tabix/CSI fixtures used by tests/Decodex.Core.Tests/Genomics/Bgzf.
# Needs bgzip and tabix (Debian: apt-get install -y tabix) and python3; the tests themselves need neither.
# Synthetic data only: no real person's genotypes. Output is deterministic for a given htslib version
# (made with htslib 1.16).
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import random, sys
out = sys.argv[1]

def records(prefix, counts, seed):
    rnd = random.Random(seed)
    lengths = {"1": 248956422, "19": 58617616, "X": 156040895}
    rows = []
    for chrom, n in counts.items():
        positions = set()
        if chrom == "19":
            # dense around APOE so a region spans several 16 kb windows and BGZF blocks
            while len(positions) < n * 3 // 5:
                positions.add(rnd.randint(44_880_000, 44_940_000))
            positions.update([44908684, 44908822])
        while len(positions) < n:
            positions.add(rnd.randint(10_000, lengths[chrom] - 10_000))
        for pos in sorted(positions):
            ref = rnd.choice("ACGT")
            alt = rnd.choice([b for b in "ACGT" if b != ref])
            info = "."
            rid = "rs%d" % rnd.randint(1_000_000, 900_000_000)
            if pos == 44908684:
                ref, alt, rid = "T", "C", "rs429358"
            elif pos == 44908822:
                ref, alt, rid = "C", "T", "rs7412"
            elif rnd.random() < 0.02:
                ref = ref + "".join(rnd.choice("ACGT") for _ in range(rnd.randint(1, 40)))  # deletion
            elif rnd.random() < 0.005:
                alt = "<DEL>"
                info = "SVTYPE=DEL;END=%d" % (pos + rnd.randint(1000, 60000))
            gt = rnd.choice(["0/0", "0/1", "1/1", "./."])
            rows.append(f"{prefix}{chrom}\t{pos}\t{rid}\t{ref}\t{alt}\t.\tPASS\t{info}\tGT\t{gt}")
    header = ["##fileformat=VCFv4.2", "##source=decodex-synthetic-fixture"]
    for chrom in counts:
        header.append(f"##contig=<ID={prefix}{chrom},length={lengths[chrom]}>")
    header += ['##INFO=<ID=END,Number=1,Type=Integer,Description="End position">',
               '##INFO=<ID=SVTYPE,Number=1,Type=String,Description="Type of structural variant">',
               '##ALT=<ID=DEL,Description="Deletion">',
               '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
               "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tSYNTHETIC"]
    return "\n".join(header + rows) + "\n"

open(f"{out}/small.vcf", "w").write(records("chr", {"1": 2200, "19": 2600, "X": 1000}, 20240601))
open(f"{out}/small-nochr.vcf", "w").write(records("", {"1": 300, "19": 400, "X": 100}, 7))
PY

bgzip -c "$work/small.vcf" > small.vcf.gz
tabix -f -p vcf small.vcf.gz
cp small.vcf.gz "$work/csi.vcf.gz"
tabix -f -C -p vcf "$work/csi.vcf.gz"
cp "$work/csi.vcf.gz.csi" small.vcf.gz.csi
bgzip -c "$work/small-nochr.vcf" > small-nochr.vcf.gz
tabix -f -p vcf small-nochr.vcf.gz

# Plain gzip, three members, not BGZF: what `gzip` or `cat a.gz b.gz` gives.
split -n l/3 "$work/small-nochr.vcf" "$work/part."
: > small-nochr-multimember.vcf.gz
for p in "$work"/part.*; do gzip -9 -n -c "$p" >> small-nochr-multimember.vcf.gz; done

# Cut inside the third BGZF block.
size=$(stat -c %s small.vcf.gz)
head -c $((size * 55 / 100)) small.vcf.gz > small-truncated.vcf.gz

(cd "$work" && sha256sum small.vcf small-nochr.vcf) > plain-vcf.sha256

# Expected region results from tabix itself: region, record count, SHA-256 of the records (each line + \n).
{
  echo "# region	count	sha256 (of tabix output; 1-based inclusive regions)"
  for region in chr19:44908684-44908684 chr19:44908822-44908822 chr19:44908684-44908822 \
                chr19:44900000-44920000 chr19:44880000-44940000 chr19:1-44000000 chr19:44940001-58617616 \
                chr1:1-1000000 chr1:100000000-100500000 chr1:1-248956422 chrX:2700000-2800000 \
                chrX:1-156040895 chr19:1-1 chr2:1-1000000 19:44908684-44908822; do
    lines=$(tabix small.vcf.gz "$region" || true)
    if [ -z "$lines" ]; then n=0; sum=$(printf '' | sha256sum | cut -d' ' -f1)
    else n=$(printf '%s\n' "$lines" | wc -l); sum=$(printf '%s\n' "$lines" | sha256sum | cut -d' ' -f1); fi
    echo "small	$region	$n	$sum"
  done
  for region in 19:44908684-44908822 19:1-58617616 1:1-248956422 X:1-10000000 chr19:44908684-44908822; do
    lines=$(tabix small-nochr.vcf.gz "$region" || true)
    if [ -z "$lines" ]; then n=0; sum=$(printf '' | sha256sum | cut -d' ' -f1)
    else n=$(printf '%s\n' "$lines" | wc -l); sum=$(printf '%s\n' "$lines" | sha256sum | cut -d' ' -f1); fi
    echo "small-nochr	$region	$n	$sum"
  done
} > bgzf-regions.tsv
ls -l
