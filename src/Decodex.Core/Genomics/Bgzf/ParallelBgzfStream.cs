using System.Buffers;
using System.Runtime.ExceptionServices;

namespace Decodex.Core.Genomics.Bgzf;

/// <summary>
/// A read-only, forward-only stream of the decompressed bytes of a BGZF file (as written by
/// <c>bgzip</c>), inflating blocks on several background threads while the caller reads and parses on
/// its own thread. Bytes come out in file order.
/// </summary>
/// <remarks>
/// <para>
/// Memory is bounded regardless of file size: a fixed window of 16 blocks per worker (16 to 128 in all,
/// 64 KiB each, from <see cref="ArrayPool{T}.Shared"/>; 2 MiB for two workers, at most 8 MiB) is
/// decompressed ahead of the reader. Workers start on the first read and stop when the stream is
/// disposed.
/// </para>
/// <para>
/// Every block's CRC-32 and size are checked, and the data must end with the BGZF end-of-file marker
/// (an empty block): a file cut off at a block boundary is reported as truncated rather than read as
/// complete. Bytes before a bad block are delivered first; the read that reaches it throws
/// <see cref="InvalidDataException"/>, as does every later read. Plain gzip that is not BGZF is
/// refused the same way: check with <see cref="Bgzf.IsBgzf"/> first and use
/// <see cref="System.IO.Compression.GZipStream"/> for it.
/// </para>
/// <para>
/// Like other streams, an instance is not safe for concurrent use by several callers. The compressed
/// stream is read only by the workers, under a lock, once reading has begun; it must not be used
/// elsewhere until this stream is disposed. Reads block the calling thread, including the
/// asynchronous overloads inherited from <see cref="Stream"/>.
/// </para>
/// </remarks>
public sealed class ParallelBgzfStream : Stream
{
    private const int SlotsPerWorker = 16;
    private const int MinSlots = 16;
    private const int MaxSlots = 128;
    private const int WakeBatch = 4;

    private readonly Stream _compressed;
    private readonly bool _leaveOpen;
    private readonly int _workerCount;
    private readonly Slot[] _slots;
    private readonly object _gate = new();
    private readonly object _inputLock = new();
    private Thread[]? _workers;

    // Guarded by _inputLock: the reading of compressed blocks, which happens in sequence.
    private long _nextToRead;
    private long _compressedOffset;
    private bool _inputFinished;
    private bool _lastBlockEmpty;

    // Guarded by _gate: hand-over of decompressed blocks between workers and the reader, and the
    // signal (disposal, a failure, the end) that no more blocks should be read. A block inflates in
    // about 80 µs and a wake-up cost up to a quarter of that on the 2-core machines measured, so each
    // side sleeps until a batch is ready: the reader until a few blocks are waiting (or the data ends),
    // a worker until a quarter of the window is free.
    private long _nextToConsume;
    private long _terminalSequence = long.MaxValue;
    private bool _stopping;
    private bool _readerWaiting;
    private long _spaceWanted = -1;

    // Used by the reading thread only.
    private byte[]? _current;
    private int _currentLength;
    private int _currentPosition;
    private bool _holdingCurrent;
    private bool _ended;
    private ExceptionDispatchInfo? _failure;
    private bool _disposed;

    /// <summary>Wraps a BGZF stream; nothing is read until the first read.</summary>
    /// <param name="compressed">The BGZF bytes, positioned at a block boundary (normally the start); need not be seekable.</param>
    /// <param name="workers">Threads that inflate blocks; 0 means <see cref="Environment.ProcessorCount"/>.</param>
    /// <param name="leaveOpen">Whether disposing this stream leaves <paramref name="compressed"/> open.</param>
    /// <exception cref="ArgumentNullException"><paramref name="compressed"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="compressed"/> cannot be read.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workers"/> is negative.</exception>
    public ParallelBgzfStream(Stream compressed, int workers = 0, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(compressed);
        ArgumentOutOfRangeException.ThrowIfNegative(workers);
        if (!compressed.CanRead)
        {
            throw new ArgumentException("The compressed stream must be readable.", nameof(compressed));
        }

        _compressed = compressed;
        _leaveOpen = leaveOpen;
        _workerCount = workers == 0 ? Environment.ProcessorCount : workers;
        _slots = new Slot[Math.Clamp(_workerCount * SlotsPerWorker, MinSlots, MaxSlots)];
        for (var i = 0; i < _slots.Length; i++)
        {
            _slots[i] = new Slot();
        }
    }

    /// <summary>The number of inflating threads this stream uses.</summary>
    public int Workers => _workerCount;

    /// <inheritdoc />
    public override bool CanRead => !_disposed;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <summary>Not supported: the decompressed length is not known in advance.</summary>
    public override long Length => throw new NotSupportedException();

    /// <summary>Not supported: the stream is forward-only.</summary>
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>
    /// Reads decompressed bytes: whatever is left of the current block, up to the size of
    /// <paramref name="buffer"/>, waiting for the next block only when the current one is used up.
    /// </summary>
    /// <returns>The number of bytes read; 0 only at the end of the data.</returns>
    /// <exception cref="InvalidDataException">The compressed data is not valid, complete BGZF.</exception>
    /// <exception cref="IOException">Reading the compressed stream failed.</exception>
    /// <exception cref="ObjectDisposedException">The stream was disposed.</exception>
    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty || (_currentPosition == _currentLength && !MoveToNextBlock()))
        {
            return 0;
        }

        var n = Math.Min(buffer.Length, _currentLength - _currentPosition);
        _current.AsSpan(_currentPosition, n).CopyTo(buffer);
        _currentPosition += n;
        return n;
    }

    /// <inheritdoc cref="Read(Span{byte})" />
    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    /// <inheritdoc />
    public override int ReadByte()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_currentPosition == _currentLength && !MoveToNextBlock())
        {
            return -1;
        }

        return _current![_currentPosition++];
    }

    /// <summary>Writes all remaining decompressed bytes to <paramref name="destination"/>, a block at a time.</summary>
    /// <exception cref="InvalidDataException">The compressed data is not valid, complete BGZF.</exception>
    public override void CopyTo(Stream destination, int bufferSize)
    {
        ValidateCopyToArguments(destination, bufferSize);
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (_currentPosition < _currentLength || MoveToNextBlock())
        {
            destination.Write(_current!, _currentPosition, _currentLength - _currentPosition);
            _currentPosition = _currentLength;
        }
    }

    /// <summary>Does nothing: the stream is read-only.</summary>
    public override void Flush()
    {
    }

    /// <summary>Not supported: the stream is forward-only.</summary>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <summary>Not supported: the stream is read-only.</summary>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Not supported: the stream is read-only.</summary>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Stops the workers, waits for them, returns pooled buffers and, unless left open, disposes the compressed stream.</summary>
    protected override void Dispose(bool disposing)
    {
        if (!_disposed && disposing)
        {
            _disposed = true;
            lock (_gate)
            {
                _stopping = true;
                Monitor.PulseAll(_gate);
            }

            if (_workers is not null)
            {
                foreach (var worker in _workers)
                {
                    worker.Join();
                }
            }

            foreach (var slot in _slots)
            {
                if (slot.Buffer is { } buffer)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }

                slot.Clear();
            }

            _current = null;
            if (!_leaveOpen)
            {
                _compressed.Dispose();
            }
        }

        _disposed = true;
        base.Dispose(disposing);
    }

    /// <summary>Releases the block being read and waits for the next non-empty one.</summary>
    /// <returns>False at the end of the data.</returns>
    private bool MoveToNextBlock()
    {
        if (_ended)
        {
            return false;
        }

        _failure?.Throw();
        if (_workers is null)
        {
            StartWorkers();
        }

        while (true)
        {
            byte[]? released = null;
            Slot slot;
            lock (_gate)
            {
                if (_holdingCurrent)
                {
                    var held = _slots[(int)(_nextToConsume % _slots.Length)];
                    released = held.Buffer;
                    held.Clear();
                    _holdingCurrent = false;
                    _current = null;
                    _currentLength = 0;
                    _currentPosition = 0;
                    _nextToConsume++;
                    if (_spaceWanted >= 0 && HasSpaceFor(_spaceWanted))
                    {
                        Monitor.PulseAll(_gate);
                    }
                }

                slot = _slots[(int)(_nextToConsume % _slots.Length)];
                if (!slot.Ready)
                {
                    _readerWaiting = true;
                    while (!ReaderMayProceed())
                    {
                        Monitor.Wait(_gate);
                    }

                    _readerWaiting = false;
                }
            }

            if (released is not null)
            {
                ArrayPool<byte>.Shared.Return(released);
            }

            // The slot is ours until _nextToConsume moves on; workers do not touch it meanwhile.
            if (slot.Failure is { } failure)
            {
                _failure = failure;
                failure.Throw();
            }

            if (slot.IsEnd)
            {
                _ended = true;
                return false;
            }

            _holdingCurrent = true;
            _current = slot.Buffer;
            _currentLength = slot.Length;
            _currentPosition = 0;
            if (_currentLength > 0)
            {
                return true;
            }
        }
    }

    private void StartWorkers()
    {
        var workers = new Thread[_workerCount];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = new Thread(RunWorker) { IsBackground = true, Name = "Decodex BGZF inflate" };
        }

        _workers = workers;
        foreach (var worker in workers)
        {
            worker.Start();
        }
    }

    private void RunWorker()
    {
        // An exception that left this thread would end the whole process, so none may: a failure in a
        // block is handed to the reader in its place, and any other failure (reading the input, an
        // allocation) stops the stream at the next block to read.
        byte[]? block = null;
        try
        {
            block = ArrayPool<byte>.Shared.Rent(BgzfBlock.MaxCompressedSize);
            while (TryReadNextBlock(block, out var sequence, out var length, out var offset))
            {
                byte[]? output = null;
                try
                {
                    output = ArrayPool<byte>.Shared.Rent(BgzfBlock.MaxUncompressedSize);
                    var n = BgzfBlock.Inflate(block, length, output, offset);
                    Publish(sequence, output, n, failure: null, isEnd: false);
                }
#pragma warning disable CA1031 // A worker must never throw: the failure is handed to the reader, in order.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    if (output is not null)
                    {
                        ArrayPool<byte>.Shared.Return(output);
                    }

                    Publish(sequence, null, 0, ExceptionDispatchInfo.Capture(e), isEnd: false);
                }
            }
        }
#pragma warning disable CA1031 // As above: the reader sees the failure; the thread ends quietly.
        catch (Exception e)
#pragma warning restore CA1031
        {
            FailAtNextToRead(e);
        }
        finally
        {
            if (block is not null)
            {
                ArrayPool<byte>.Shared.Return(block);
            }
        }
    }

    /// <summary>Hands <paramref name="e"/> to the reader as the next block to read, and stops every worker.</summary>
    private void FailAtNextToRead(Exception e)
    {
        lock (_inputLock)
        {
            _inputFinished = true;
            lock (_gate)
            {
                // The reader stops at this block, so it must wait for a free place in the window like any other.
                var sequence = _nextToRead;
                _spaceWanted = sequence;
                while (!_stopping && !HasSpaceFor(sequence))
                {
                    Monitor.Wait(_gate);
                }

                _spaceWanted = -1;
                if (!_stopping)
                {
                    var slot = _slots[(int)(sequence % _slots.Length)];
                    slot.Failure = ExceptionDispatchInfo.Capture(e);
                    slot.Ready = true;
                    _terminalSequence = Math.Min(_terminalSequence, sequence);
                }

                _stopping = true;
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>Takes the next block from the compressed stream, once the window has room for it.</summary>
    /// <returns>False when there is nothing more for this worker to do.</returns>
    private bool TryReadNextBlock(byte[] block, out long sequence, out int length, out long offset)
    {
        lock (_inputLock)
        {
            sequence = _nextToRead;
            length = 0;
            offset = _compressedOffset;
            if (_inputFinished)
            {
                return false;
            }

            lock (_gate)
            {
                if (!_stopping && sequence - _nextToConsume >= _slots.Length)
                {
                    // Only the worker holding _inputLock ever waits here.
                    _spaceWanted = sequence;
                    while (!_stopping && !HasSpaceFor(sequence))
                    {
                        Monitor.Wait(_gate);
                    }

                    _spaceWanted = -1;
                }

                if (_stopping)
                {
                    _inputFinished = true;
                    return false;
                }
            }

            try
            {
                length = BgzfBlock.Read(_compressed, block, offset);
            }
#pragma warning disable CA1031 // A worker must never throw: the failure is handed to the reader, in order.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _inputFinished = true;
                Publish(sequence, null, 0, ExceptionDispatchInfo.Capture(e), isEnd: false);
                return false;
            }

            if (length == 0)
            {
                _inputFinished = true;
                if (_lastBlockEmpty)
                {
                    Publish(sequence, null, 0, failure: null, isEnd: true);
                }
                else
                {
                    Publish(sequence, null, 0, ExceptionDispatchInfo.Capture(BgzfBlock.MissingEndOfFile(offset)), isEnd: false);
                }

                return false;
            }

            _lastBlockEmpty = BgzfBlock.DeclaredSize(block.AsSpan(0, length)) == 0;
            _compressedOffset += length;
            _nextToRead++;
            return true;
        }
    }

    private void Publish(long sequence, byte[]? buffer, int length, ExceptionDispatchInfo? failure, bool isEnd)
    {
        lock (_gate)
        {
            var slot = _slots[(int)(sequence % _slots.Length)];
            slot.Buffer = buffer;
            slot.Length = length;
            slot.Failure = failure;
            slot.IsEnd = isEnd;
            slot.Ready = true;

            // After a bad block or the end, no worker reads further: the reader stops there anyway.
            if (failure is not null || isEnd)
            {
                _stopping = true;
                _terminalSequence = Math.Min(_terminalSequence, sequence);
                Monitor.PulseAll(_gate);
            }
            else if (_readerWaiting && ReaderMayProceed())
            {
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>
    /// Under _gate: the reader's next block is ready and so is the last of the next few, or nothing more
    /// will come in that range. Waiting for the batch never waits for a block the window cannot hold.
    /// </summary>
    private bool ReaderMayProceed()
    {
        var next = _slots[(int)(_nextToConsume % _slots.Length)];
        if (!next.Ready)
        {
            return false;
        }

        var last = _nextToConsume + Math.Min(WakeBatch, _slots.Length) - 1;
        return _terminalSequence <= last || _stopping || _slots[(int)(last % _slots.Length)].Ready;
    }

    /// <summary>Under _gate: whether a worker waiting to read <paramref name="sequence"/> may go on, leaving a quarter of the window as slack.</summary>
    private bool HasSpaceFor(long sequence) => sequence - _nextToConsume < _slots.Length - (_slots.Length / 4);

    /// <summary>One place in the window of blocks between the workers and the reader.</summary>
    private sealed class Slot
    {
        public byte[]? Buffer { get; set; }

        public int Length { get; set; }

        public ExceptionDispatchInfo? Failure { get; set; }

        public bool IsEnd { get; set; }

        public bool Ready { get; set; }

        public void Clear()
        {
            Buffer = null;
            Length = 0;
            Failure = null;
            IsEnd = false;
            Ready = false;
        }
    }
}
