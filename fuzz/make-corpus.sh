#!/usr/bin/env bash
# Rebuilds fuzz/corpus/ from the project's own samples and knowledge and from small, permissively
# licensed fixtures in the shared data folder (see fuzz/README.md, "Seed corpora", for each source and
# licence). Needs python3, bgzip and tabix (Debian: tabix). Run from anywhere: fuzz/make-corpus.sh [DATA]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$here/.."
data="${1:-$repo/../shared/data}"
real="$data/genome/real-world"
c="$here/corpus"
rm -rf "$c"; mkdir -p "$c"/{genome,vcf,container,bgzf,index,indexed,lab-csv,lab-fhir,profile,knowledge}
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT

# genome: 23andMe-family text and generic tables
cp "$real/dtc_like_23andme_bcftools_test.txt" "$c/genome/bcftools-23andme.txt"
cp "$real/dtc_like_clawbio_demo_patient.txt" "$c/genome/clawbio-demo.txt"
head -40 "$repo/samples/genome_23andme_synthetic.txt" > "$c/genome/synthetic-23andme.txt"
syn="$(grep -v '^#' "$repo/samples/genome_23andme_synthetic.txt" | head -12)"
{ echo '#AncestryDNA raw data download'; printf 'rsid\tchromosome\tposition\tallele1\tallele2\n'
  awk -F'\t' '{printf "%s\t%s\t%s\t%s\t%s\n",$1,$2,$3,substr($4,1,1),substr($4,2,1)}' <<<"$syn"; } > "$c/genome/synthetic-ancestry.txt"
{ echo 'RSID,CHROMOSOME,POSITION,RESULT'; awk -F'\t' '{printf "\"%s\",\"%s\",\"%s\",\"%s\"\n",$1,$2,$3,$4}' <<<"$syn"; } > "$c/genome/synthetic-ftdna.csv"
{ echo '##fileformat=MyHeritage'; echo 'RSID,CHROMOSOME,POSITION,RESULT'; awk -F'\t' '{printf "\"%s\",\"%s\",\"%s\",\"%s\"\n",$1,$2,$3,$4}' <<<"$syn"; } > "$c/genome/synthetic-myheritage.csv"
{ echo '# Living DNA customer genotype data download file version: 1.0.2'; printf '# rsid\tchromosome\tposition\tgenotype\n'; echo "$syn"; } > "$c/genome/synthetic-livingdna.txt"
{ echo 'Name,Variation,Chromosome,Position,Strand,YourCode'; awk -F'\t' '{printf "%s,[A/G],%s,%s,+,%s\n",$1,$2,$3,$4}' <<<"$syn"; } > "$c/genome/synthetic-decodeme.csv"
{ printf '[Header]\nGSGT Version\t2.0.4\n[Data]\nSNP Name\tChr\tPosition\tAllele1 - Plus\tAllele2 - Plus\n'
  awk -F'\t' '{printf "%s\t%s\t%s\t%s\t%s\n",$1,$2,$3,substr($4,1,1),substr($4,2,1)}' <<<"$syn"; } > "$c/genome/synthetic-illumina.txt"
{ printf 'snp_id;chr;pos;call\n'; awk -F'\t' '{printf "%s;%s;%s;%s\n",$1,$2,$3,$4}' <<<"$syn"; } > "$c/genome/synthetic-generic.csv"
echo "$syn" | sed 's/$/\r/' > "$c/genome/synthetic-noheader-crlf.txt"

# vcf: plain-text VCF
for f in vcf_htslib_vcf44 vcf_bcftools_missing vcf_haploid_chrX_happy vcf_bcftools_23andme_converted vcf_htslib_weird_chr_names vcf_bcftools_phased_split vcf_bcftools_ychr vcf_bcftools_fixploidy; do
  cp "$real/$f.vcf" "$c/vcf/${f#vcf_}.vcf"
done

# container: zip and gzip around a text genome (made here from the synthetic sample)
python3 - "$c/genome/synthetic-23andme.txt" "$c/container" <<'PY'
import gzip, sys, zipfile, io
text = open(sys.argv[1], 'rb').read(); out = sys.argv[2]
with zipfile.ZipFile(f'{out}/one-member.zip', 'w', zipfile.ZIP_DEFLATED) as z: z.writestr('genome.txt', text)
with zipfile.ZipFile(f'{out}/two-members.zip', 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('README.txt', b'read me\n'); z.writestr('genome_v5.txt', text)
with zipfile.ZipFile(f'{out}/stored.zip', 'w', zipfile.ZIP_STORED) as z: z.writestr('genome.txt', text)
open(f'{out}/genome.txt.gz', 'wb').write(gzip.compress(text, mtime=0))
half = len(text) // 2
open(f'{out}/two-members.txt.gz', 'wb').write(gzip.compress(text[:half], mtime=0) + gzip.compress(text[half:], mtime=0))
PY
cp "$real/neg_htslib_bgziptest.txt.gz" "$c/container/htslib-bgziptest.txt.gz"

# bgzf: bgzip VCFs, and one made here with several small blocks
cp "$real/vcf_htslib_modhdr.vcf.gz" "$c/bgzf/htslib-modhdr.vcf.gz"
cp "$real/vcf_empty_records_happy.vcf.gz" "$c/bgzf/happy-empty-records.vcf.gz"
cp "$real/vcf_multimerge_tiny.vcf.gz" "$c/bgzf/happy-multimerge-tiny.vcf.gz"
cat "$real/vcf_htslib_vcf44.vcf" > "$tmp/a.vcf"
bgzip -c "$tmp/a.vcf" > "$c/bgzf/htslib-vcf44.vcf.gz"
# a sorted single-sample VCF from the synthetic genome, for the index seeds
{ echo '##fileformat=VCFv4.2'; echo '##reference=GRCh37'; echo '##contig=<ID=1>'; echo '##contig=<ID=19>'
  printf '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tSAMPLE\n'
  printf '1\t752566\trs3094315\tG\tA\t.\tPASS\t.\tGT\t0/1\n1\t768448\trs12562034\tG\t.\t.\tPASS\t.\tGT\t0/0\n'
  printf '19\t45411941\trs429358\tT\tC\t.\tPASS\t.\tGT\t1/1\n19\t45412079\trs7412\tC\tT\t.\tPASS\t.\tGT\t0/0\n'; } > "$tmp/s.vcf"
bgzip -c "$tmp/s.vcf" > "$tmp/s.vcf.gz"; cp "$tmp/s.vcf.gz" "$c/bgzf/synthetic.vcf.gz"
tabix -p vcf "$tmp/s.vcf.gz"; tabix -p vcf -C -f "$tmp/s.vcf.gz"

# index: tabix and CSI indexes
cp "$real/vcf_htslib_modhdr.vcf.gz.csi" "$c/index/htslib-modhdr.csi"
cp "$tmp/s.vcf.gz.tbi" "$c/index/synthetic.tbi"; cp "$tmp/s.vcf.gz.csi" "$c/index/synthetic.csi"
# the same, decompressed: the index target also wraps its input in BGZF, so these reach the parser
gzip -dc "$tmp/s.vcf.gz.tbi" > "$c/index/synthetic-raw.tbi"; gzip -dc "$tmp/s.vcf.gz.csi" > "$c/index/synthetic-raw.csi"
gzip -dc "$real/vcf_htslib_modhdr.vcf.gz.csi" > "$c/index/htslib-modhdr-raw.csi"

# indexed: 't' or 'c', index length (uint32 LE), index, bgzip VCF
python3 - "$tmp" "$c/indexed" "$real" <<'PY'
import struct, sys
tmp, out, real = sys.argv[1:]
def pack(kind, idx, vcf, name):
    i = open(idx, 'rb').read(); v = open(vcf, 'rb').read()
    open(f'{out}/{name}', 'wb').write(kind + struct.pack('<I', len(i)) + i + v)
pack(b't', f'{tmp}/s.vcf.gz.tbi', f'{tmp}/s.vcf.gz', 'synthetic-tbi')
pack(b'c', f'{tmp}/s.vcf.gz.csi', f'{tmp}/s.vcf.gz', 'synthetic-csi')
pack(b'c', f'{real}/vcf_htslib_modhdr.vcf.gz.csi', f'{real}/vcf_htslib_modhdr.vcf.gz', 'htslib-modhdr-csi')
PY

# lab-csv
cp "$repo/samples/labs.csv" "$c/lab-csv/sample-labs.csv"
cp "$data/labs/csv/lab-report-style.csv" "$c/lab-csv/lab-report-style.csv"
head -30 "$data/labs/csv/synthea-format-labs.csv" > "$c/lab-csv/synthea-format-head.csv"

# lab-fhir: the US Core lab bundle, one Observation of it, and a Synthea excerpt
python3 - "$data/labs/fhir" "$c/lab-fhir" <<'PY'
import json, sys
src, out = sys.argv[1:]
b = json.load(open(f'{src}/uscore-9.0.0-lab-examples.bundle.json'))
json.dump(b, open(f'{out}/uscore-lab-bundle.json', 'w'), separators=(',', ':'))
obs = [e['resource'] for e in b['entry'] if e['resource']['resourceType'] == 'Observation']
json.dump(obs[0], open(f'{out}/uscore-observation.json', 'w'), indent=1)
s = json.load(open(f'{src}/synthea-r4-Tom_Goodwin_e20de9eb-6f2d-4871-a43f-bbede53293ed.json'))
keep = [e for e in s['entry'] if e['resource']['resourceType'] == 'Patient']
keep += [e for e in s['entry'] if e['resource']['resourceType'] == 'Observation' and 'valueQuantity' in e['resource']][:4]
s['entry'] = keep
json.dump(s, open(f'{out}/synthea-excerpt.json', 'w'), separators=(',', ':'))
PY

# profile
cp "$repo/samples/profile.yaml" "$c/profile/sample.yaml"
printf 'sex: female\ndob: 1990-02-03\npregnant: maybe\nbreastfeeding: no\nconditions:\n  - name: epilepsy\nmedications:\n  - name: risperidone\n    dose: 2 mg\n  - drug: Lexapro\nallergies: [penicillin]\ngoals: [sleep]\nlabs:\n  - path: labs.csv\n' > "$c/profile/female.yaml"
printf 'sex: unknown\nbirthDate: 2000-13-40\nmedications: {a: b}\ngenome: [x]\n' > "$c/profile/odd.yaml"

# knowledge
cp "$repo/knowledge/compounds/lithium.yaml" "$c/knowledge/lithium.yaml"
cp "$repo/knowledge/compounds/n-pep-12.yaml" "$c/knowledge/n-pep-12.yaml"
head -60 "$repo/knowledge/vocabularies/outcomes.yaml" > "$c/knowledge/outcomes-head.yaml"
head -60 "$repo/knowledge/vocabularies/citations.yaml" > "$c/knowledge/citations-head.yaml"
head -60 "$repo/knowledge/vocabularies/drug-classes.yaml" > "$c/knowledge/drug-classes-head.yaml"
du -sh "$c"
