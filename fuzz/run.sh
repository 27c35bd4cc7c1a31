#!/usr/bin/env bash
# Usage: fuzz/run.sh TARGET [SECONDS|RUNS] [extra libFuzzer flags...]
#   A bare number up to 3600 is seconds (-max_total_time); a larger one, or one written as 1000000r,
#   is executions (-runs). Default: 60 seconds. TARGET "list" prints the targets.
# Builds fuzz/Decodex.Fuzz, instruments Decodex.Core.dll (and YamlDotNet.dll) with SharpFuzz, builds
# the libFuzzer driver with clang, and fuzzes TARGET starting from fuzz/corpus/TARGET. New coverage
# goes to fuzz/.work/corpus/TARGET (not committed); crashes, hangs and OOMs to fuzz/.work/crashes/TARGET.
# Needs: the .NET SDK, clang and libFuzzer (Debian: apt-get install clang-19 libfuzzer-19-dev; set
# FUZZ_INSTALL=1 to let this script install them). Exit: 0 clean, 1 a finding, 3 tooling missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
target="${1:?usage: fuzz/run.sh TARGET [SECONDS|RUNS] [libFuzzer flags...]}"
budget="${2:-60}"
shift $(( $# >= 2 ? 2 : 1 ))
work="$here/.work"
bin="$work/bin"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

find_clang() {
  for c in clang-19 clang-22 clang-16 clang-15 clang-14 clang; do
    if command -v "$c" >/dev/null 2>&1 && echo 'int LLVMFuzzerTestOneInput(const char*d,unsigned long n){return 0;}' \
      | "$c" -x c -fsanitize=fuzzer -o /dev/null - >/dev/null 2>&1; then echo "$c"; return 0; fi
  done
  return 1
}

clang="$(find_clang || true)"
if [ -z "$clang" ] && [ "${FUZZ_INSTALL:-0}" = 1 ]; then
  as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }
  (as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq clang-19 libfuzzer-19-dev) >/dev/null 2>&1 || true
  clang="$(find_clang || true)"
fi
if [ -z "$clang" ]; then
  echo "fuzz: no clang with libFuzzer (-fsanitize=fuzzer); install clang-19 libfuzzer-19-dev" >&2
  exit 3
fi

mkdir -p "$work"
# Build once per change: the instrumented copy is rebuilt when a source or the driver is newer.
stamp="$work/built.stamp"
if [ ! -f "$stamp" ] || [ -n "$(find "$here/Decodex.Fuzz" "$here/../src/Decodex.Core" "$here/driver" \
    -newer "$stamp" -not -path '*/obj/*' -not -path '*/bin/*' \( -name '*.cs' -o -name '*.csproj' -o -name '*.c' -o -name '*.json' -o -name '*.props' \) -print -quit)" ]; then
  echo "fuzz: building and instrumenting"
  (cd "$here" && dotnet tool restore >/dev/null)
  rm -rf "$bin"
  dotnet publish "$here/Decodex.Fuzz/Decodex.Fuzz.csproj" -c Release -o "$bin" -p:UseAppHost=false -v quiet -nologo >/dev/null
  for dll in Decodex.Core.dll YamlDotNet.dll; do
    (cd "$here" && dotnet sharpfuzz "$bin/$dll")
  done
  "$clang" -O2 -fsanitize=fuzzer -o "$work/decodex-libfuzzer" "$here/driver/decodex-libfuzzer.c"
  touch "$stamp"
fi

if [ "$target" = list ]; then dotnet "$bin/Decodex.Fuzz.dll" --list; exit 0; fi
if ! dotnet "$bin/Decodex.Fuzz.dll" --list | grep -qw -- "$target"; then
  echo "fuzz: unknown target $target" >&2; dotnet "$bin/Decodex.Fuzz.dll" --list >&2; exit 2
fi

case "$budget" in
  *r) limit=(-runs="${budget%r}") ;;
  *) if [ "$budget" -gt 3600 ]; then limit=(-runs="$budget"); else limit=(-max_total_time="$budget"); fi ;;
esac

seeds="$here/corpus/$target"
grown="$work/corpus/$target"
crashes="$work/crashes/$target"
mkdir -p "$grown" "$crashes"
dict=()
[ -f "$here/dict/$target.dict" ] && dict=(-dict="$here/dict/$target.dict")

# libFuzzer measures only its own memory, not the .NET child's: the child gets a 2 GiB GC heap limit,
# so a runaway allocation ends as an OutOfMemoryException, which escapes and is reported as a crash.
export DOTNET_GCHeapHardLimit=0x80000000
export DOTNET_TieredPGO=0
cd "$work"
set +e
"$work/decodex-libfuzzer" -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix="$crashes/" "${dict[@]}" "${limit[@]}" "$@" \
  "$grown" "$seeds" -- dotnet "$bin/Decodex.Fuzz.dll" "$target"
status=$?
set -e
if [ "$status" -ne 0 ]; then echo "fuzz: $target found a problem (exit $status); see $crashes" >&2; exit 1; fi
