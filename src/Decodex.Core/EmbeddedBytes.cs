using System.Buffers;
using System.Reflection;

namespace Decodex.Core;

/// <summary>
/// The bytes of a resource compiled into an assembly, read where they lie in the loaded image rather than
/// copied: the image stays mapped for the life of the process (these assemblies are never unloaded), so a
/// slice can be kept and parsed later. Falls back to one copy when the runtime hands out some other stream.
/// </summary>
internal static class EmbeddedBytes
{
    /// <summary>The whole resource; throws <see cref="InvalidDataException"/> when it is missing (a build defect).</summary>
    public static ReadOnlyMemory<byte> Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidDataException($"The embedded resource {name} is missing from {assembly.GetName().Name}.");
        if (stream is UnmanagedMemoryStream image)
        {
            unsafe
            {
                return new ImageMemory(image.PositionPointer, checked((int)(image.Length - image.Position))).Memory;
            }
        }

        var bytes = new byte[checked((int)(stream.Length - stream.Position))];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>Memory over bytes in the loaded image; nothing to free or pin.</summary>
    private sealed unsafe class ImageMemory(byte* start, int length) : MemoryManager<byte>
    {
        public override Span<byte> GetSpan() => new(start, length);

        public override MemoryHandle Pin(int elementIndex = 0)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(elementIndex);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(elementIndex, length);
            return new MemoryHandle(start + elementIndex);
        }

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing)
        {
        }
    }
}
