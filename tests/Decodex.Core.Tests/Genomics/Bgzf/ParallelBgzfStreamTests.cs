using System.IO.Compression;
using Decodex.Core.Genomics.Bgzf;

namespace Decodex.Core.Tests.Genomics.Bgzf;

public sealed class ParallelBgzfStreamTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void CopyTo_SmallVcf_EqualsPlainText(int workers)
    {
        var text = BgzfFixtures.Decompress("small.vcf.gz", workers);

        Assert.Equal(BgzfFixtures.PlainSha256("small.vcf"), BgzfFixtures.Sha256Hex(text));
    }

    [Fact]
    public void CopyTo_NoChrVcf_EqualsPlainText()
    {
        Assert.Equal(BgzfFixtures.PlainSha256("small-nochr.vcf"), BgzfFixtures.Sha256Hex(BgzfFixtures.Decompress("small-nochr.vcf.gz", 2)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    [InlineData(200_000)]
    public void Read_AnyBufferSize_EqualsPlainText(int bufferSize)
    {
        using var stream = new ParallelBgzfStream(File.OpenRead(BgzfFixtures.PathOf("small.vcf.gz")), workers: 3);

        var text = ReadAll(stream, bufferSize);

        Assert.Equal(BgzfFixtures.PlainSha256("small.vcf"), BgzfFixtures.Sha256Hex(text));
    }

    [Fact]
    public void ReadByte_WholeFile_EqualsPlainText()
    {
        using var stream = new ParallelBgzfStream(File.OpenRead(BgzfFixtures.PathOf("small-nochr.vcf.gz")), workers: 2);
        var text = new List<byte>();
        int b;
        while ((b = stream.ReadByte()) >= 0)
        {
            text.Add((byte)b);
        }

        Assert.Equal(BgzfFixtures.PlainSha256("small-nochr.vcf"), BgzfFixtures.Sha256Hex(text.ToArray()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(16)]
    public void Read_ThousandsOfTinyAndEmptyBlocks_SameAsInputInOrder(int workers)
    {
        // Far more blocks than the window holds, with empty blocks mid-stream, so slots are reused many times.
        var data = BgzfFixtures.SyntheticText(4000, seed: 1);
        var bgzf = BgzfFixtures.WriteBgzf(data, [37, 0, 1, 500, 2048, 0, 65280, 13]);

        using var stream = new ParallelBgzfStream(new MemoryStream(bgzf), workers);

        Assert.Equal(data, ReadAll(stream, 1000));
    }

    [Fact]
    public void Read_ParallelAndSingleWorker_Identical()
    {
        var data = BgzfFixtures.SyntheticText(20_000, seed: 2);
        var bgzf = BgzfFixtures.WriteBgzf(data, [65280, 3000, 17]);

        using var single = new ParallelBgzfStream(new MemoryStream(bgzf), workers: 1);
        using var parallel = new ParallelBgzfStream(new MemoryStream(bgzf), workers: 4);

        Assert.Equal(ReadAll(single, 8192), ReadAll(parallel, 8192));
    }

    [Fact]
    public void Read_ConcatenatedBgzfFiles_ReadsBoth()
    {
        // `cat a.vcf.gz b.vcf.gz` is valid BGZF: the first file's end-of-file marker is an empty block mid-stream.
        var first = BgzfFixtures.Bytes("small-nochr.vcf.gz");
        using var stream = new ParallelBgzfStream(new MemoryStream([.. first, .. first]), workers: 2);

        var text = ReadAll(stream, 65536);

        var once = BgzfFixtures.Decompress("small-nochr.vcf.gz");
        Assert.Equal([.. once, .. once], text);
    }

    [Fact]
    public void Read_EndOfFileMarkerOnly_ReturnsNothing()
    {
        using var stream = new ParallelBgzfStream(new MemoryStream(BgzfFixtures.WriteBgzf([], [1])), workers: 2);

        Assert.Equal(0, stream.Read(new byte[10]));
        Assert.Equal(-1, stream.ReadByte());
    }

    [Fact]
    public void Read_TruncatedFile_DeliversWholeBlocksThenThrowsInvalidData()
    {
        var full = BgzfFixtures.Decompress("small.vcf.gz");
        using var stream = new ParallelBgzfStream(File.OpenRead(BgzfFixtures.PathOf("small-truncated.vcf.gz")), workers: 2);
        var delivered = new MemoryStream();
        var buffer = new byte[1000];

        Assert.Throws<InvalidDataException>(() =>
        {
            int n;
            while ((n = stream.Read(buffer)) > 0)
            {
                delivered.Write(buffer, 0, n);
            }
        });

        // The cut is inside the third block: the first two (65280 bytes each) arrive intact.
        Assert.Equal(2 * 65280, delivered.Length);
        Assert.Equal(full[..(int)delivered.Length], delivered.ToArray());
    }

    [Fact]
    public void Read_MissingEndOfFileMarker_ThrowsInvalidData()
    {
        var bytes = BgzfFixtures.Bytes("small.vcf.gz");

        using var stream = new ParallelBgzfStream(new MemoryStream(bytes[..^28]), workers: 2);

        Assert.Throws<InvalidDataException>(() => stream.CopyTo(Stream.Null));
    }

    [Fact]
    public void Read_EmptyInput_ThrowsInvalidData()
    {
        using var stream = new ParallelBgzfStream(new MemoryStream(), workers: 1);

        Assert.Throws<InvalidDataException>(() => stream.ReadByte());
    }

    [Theory]
    [InlineData(100)]     // inside the deflate data of the first block
    [InlineData(17140)]   // the CRC-32 of the first block (which is 17148 bytes long)
    [InlineData(17145)]   // its ISIZE
    [InlineData(17149)]   // the second block's gzip magic
    [InlineData(17164)]   // the second block's BSIZE
    public void Read_CorruptByte_ThrowsInvalidData(int position)
    {
        var bytes = BgzfFixtures.Bytes("small.vcf.gz");
        bytes[position] ^= 0x55;

        using var stream = new ParallelBgzfStream(new MemoryStream(bytes), workers: 2);

        Assert.Throws<InvalidDataException>(() => stream.CopyTo(Stream.Null));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Read_CorruptBlockAmongMany_DeliversEveryEarlierBlockThenThrows(int workers)
    {
        var data = BgzfFixtures.SyntheticText(3000, seed: 4);
        var bgzf = BgzfFixtures.WriteBgzf(data, [1000]);
        var offsets = new List<int>();
        for (var offset = 0; offset < bgzf.Length; offset += (bgzf[offset + 16] | (bgzf[offset + 17] << 8)) + 1)
        {
            offsets.Add(offset);
        }

        bgzf[offsets[100] + 20] ^= 0xFF;
        using var stream = new ParallelBgzfStream(new MemoryStream(bgzf), workers);
        var delivered = new MemoryStream();
        var buffer = new byte[333];

        Assert.Throws<InvalidDataException>(() =>
        {
            int n;
            while ((n = stream.Read(buffer)) > 0)
            {
                delivered.Write(buffer, 0, n);
            }
        });

        Assert.Equal(data[..100_000], delivered.ToArray());
    }

    [Fact]
    public void Read_NonSeekableInputArrivingInDribbles_EqualsPlainText()
    {
        using var stream = new ParallelBgzfStream(new DribblingStream(BgzfFixtures.Bytes("small.vcf.gz")), workers: 2);

        Assert.Equal(BgzfFixtures.PlainSha256("small.vcf"), BgzfFixtures.Sha256Hex(ReadAll(stream, 4096)));
    }

    [Fact]
    public void Read_AfterFailure_ThrowsAgain()
    {
        using var stream = new ParallelBgzfStream(File.OpenRead(BgzfFixtures.PathOf("small-truncated.vcf.gz")), workers: 2);

        Assert.Throws<InvalidDataException>(() => stream.CopyTo(Stream.Null));
        Assert.Throws<InvalidDataException>(() => stream.ReadByte());
    }

    [Fact]
    public void Read_PlainMultiMemberGzip_ThrowsInvalidData()
    {
        using var stream = new ParallelBgzfStream(File.OpenRead(BgzfFixtures.PathOf("small-nochr-multimember.vcf.gz")), workers: 2);

        Assert.Throws<InvalidDataException>(() => stream.CopyTo(Stream.Null));
    }

    [Fact]
    public void GZipStream_PlainMultiMemberGzip_EqualsPlainText()
    {
        // The fallback the brief prescribes for gzip that is not BGZF.
        using var gzip = new GZipStream(File.OpenRead(BgzfFixtures.PathOf("small-nochr-multimember.vcf.gz")), CompressionMode.Decompress);

        Assert.Equal(BgzfFixtures.PlainSha256("small-nochr.vcf"), BgzfFixtures.Sha256Hex(ReadAll(gzip, 4096)));
    }

    [Fact]
    public void Dispose_MidStream_StopsAndDisposesCompressedStream()
    {
        var data = BgzfFixtures.SyntheticText(20_000, seed: 3);
        var compressed = new MemoryStream(BgzfFixtures.WriteBgzf(data, [1000]));
        var stream = new ParallelBgzfStream(compressed, workers: 4);
        Assert.Equal(data[0], (byte)stream.ReadByte());

        stream.Dispose();

        Assert.False(compressed.CanRead);
        Assert.False(stream.CanRead);
        Assert.Throws<ObjectDisposedException>(() => stream.ReadByte());
    }

    [Fact]
    public void Dispose_LeaveOpen_KeepsCompressedStreamOpen()
    {
        var compressed = new MemoryStream(BgzfFixtures.Bytes("small-nochr.vcf.gz"));
        using (var stream = new ParallelBgzfStream(compressed, workers: 1, leaveOpen: true))
        {
            stream.CopyTo(Stream.Null);
        }

        Assert.True(compressed.CanRead);
    }

    [Fact]
    public void Dispose_NeverRead_DoesNotReadInput()
    {
        var compressed = new MemoryStream(BgzfFixtures.Bytes("small-nochr.vcf.gz"));
        new ParallelBgzfStream(compressed, workers: 2, leaveOpen: true).Dispose();

        Assert.Equal(0, compressed.Position);
    }

    [Fact]
    public void Constructor_ZeroWorkers_UsesProcessorCount()
    {
        using var stream = new ParallelBgzfStream(new MemoryStream(), workers: 0);

        Assert.Equal(Environment.ProcessorCount, stream.Workers);
    }

    [Fact]
    public void Constructor_NegativeWorkers_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParallelBgzfStream(new MemoryStream(), workers: -1));
    }

    [Fact]
    public void Stream_Capabilities_ReadOnlyForwardOnly()
    {
        using var stream = new ParallelBgzfStream(new MemoryStream(), workers: 1);

        Assert.True(stream.CanRead);
        Assert.False(stream.CanSeek);
        Assert.False(stream.CanWrite);
        Assert.Throws<NotSupportedException>(() => stream.Length);
        Assert.Throws<NotSupportedException>(() => stream.Seek(0, SeekOrigin.Begin));
        Assert.Throws<NotSupportedException>(() => stream.Write([1], 0, 1));
    }

    private static byte[] ReadAll(Stream stream, int bufferSize)
    {
        var result = new MemoryStream();
        var buffer = new byte[bufferSize];
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            result.Write(buffer, 0, n);
        }

        return result.ToArray();
    }

    /// <summary>A forward-only stream that hands out at most 3 bytes per read, as a slow pipe might.</summary>
    private sealed class DribblingStream(byte[] data) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, 1 + (_position % 3)), data.Length - _position);
            data.AsSpan(_position, n).CopyTo(buffer.AsSpan(offset));
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
