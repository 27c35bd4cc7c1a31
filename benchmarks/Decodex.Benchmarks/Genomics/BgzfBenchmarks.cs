using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using Decodex.Core.Genomics.Bgzf;

namespace Decodex.Benchmarks.Genomics;

/// <summary>
/// Decompressing a whole bgzip VCF: single-threaded <see cref="GZipStream"/> against
/// <see cref="ParallelBgzfStream"/> with 1, 2 and all workers, read through a 64 KiB buffer as a
/// parser would.
/// </summary>
/// <remarks>
/// Needs a real input: set DECODEX_BENCH_VCF to a .vcf.gz, e.g. the 183 MB file that
/// <c>/usr/bin/python3 ../shared/bench/gen_synthetic.py --out /tmp/decodex-bench</c> writes
/// (<c>DECODEX_BENCH_VCF=/tmp/decodex-bench/wgs.vcf.gz dotnet run -c Release --project
/// benchmarks/Decodex.Benchmarks -- --filter '*Bgzf*'</c>). Without it every benchmark returns at
/// once and measures nothing.
/// </remarks>
[MemoryDiagnoser]
public class BgzfBenchmarks
{
    private const string InputVariable = "DECODEX_BENCH_VCF";

    private readonly byte[] _buffer = new byte[65536];
    private string? _path;

    [GlobalSetup]
    public void Setup()
    {
        _path = Environment.GetEnvironmentVariable(InputVariable);
        if (string.IsNullOrEmpty(_path) || !File.Exists(_path))
        {
            _path = null;
            Console.WriteLine($"// {InputVariable} is not set to an existing .vcf.gz: the BGZF benchmarks measure nothing.");
        }
    }

    [Benchmark(Baseline = true)]
    public long GZipStreamSingleThread() => _path is null ? 0 : Drain(new GZipStream(Open(_path), CompressionMode.Decompress));

    [Benchmark]
    public long ParallelOneWorker() => _path is null ? 0 : Drain(new ParallelBgzfStream(Open(_path), workers: 1));

    [Benchmark]
    public long ParallelTwoWorkers() => _path is null ? 0 : Drain(new ParallelBgzfStream(Open(_path), workers: 2));

    [Benchmark]
    public long ParallelAllCores() => _path is null ? 0 : Drain(new ParallelBgzfStream(Open(_path)));

    private static FileStream Open(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);

    private long Drain(Stream stream)
    {
        using (stream)
        {
            long total = 0;
            int n;
            while ((n = stream.Read(_buffer, 0, _buffer.Length)) > 0)
            {
                total += n;
            }

            return total;
        }
    }
}
