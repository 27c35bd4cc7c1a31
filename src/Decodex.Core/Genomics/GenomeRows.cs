using System.Runtime.CompilerServices;

namespace Decodex.Core.Genomics;

/// <summary>
/// Growable column storage for genotype rows: 14 bytes a row, no object or string per row.
/// Not thread-safe; owned by one reader until it becomes a <see cref="Genome"/>.
/// </summary>
internal sealed class GenomeRows
{
    private readonly Dictionary<string, int> _nameIndex = new(StringComparer.Ordinal);

    public GenomeRows(int capacity)
    {
        capacity = Math.Max(capacity, 16);
        Ids = new ulong[capacity];
        Chromosomes = new byte[capacity];
        Positions = new int[capacity];
        Genotypes = new byte[capacity];
    }

    public ulong[] Ids { get; private set; }
    public byte[] Chromosomes { get; private set; }
    public int[] Positions { get; private set; }
    public byte[] Genotypes { get; private set; }
    public List<string> Names { get; } = [];

    /// <summary>
    /// Rows that may be kept; one more throws <see cref="ReadLimitExceededException"/> (checked only
    /// when the columns grow, so the hot path pays nothing).
    /// </summary>
    public int MaxRows { get; init; } = int.MaxValue;

    /// <summary>VCF calls at target positions whose alleles are not single bases.</summary>
    public List<SequenceCall> SequenceCalls { get; } = [];
    public int Count { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(VariantId id, Chromosome chromosome, int position, Genotype genotype)
    {
        if (Count == Ids.Length)
        {
            Grow();
        }

        Ids[Count] = id.Value;
        Chromosomes[Count] = chromosome.Code;
        Positions[Count] = position;
        Genotypes[Count] = genotype.Code;
        Count++;
    }

    /// <summary>The id for a non-rs name, adding it to the name table once.</summary>
    public VariantId NameId(ReadOnlySpan<byte> name)
    {
        var text = System.Text.Encoding.ASCII.GetString(name);
        if (!_nameIndex.TryGetValue(text, out var index))
        {
            index = Names.Count;
            Names.Add(text);
            _nameIndex[text] = index;
        }

        return VariantId.Name(index);
    }

    /// <summary>Removes the rows flagged in <paramref name="remove"/>, keeping order.</summary>
    public void Compact(bool[] remove)
    {
        var write = 0;
        for (var read = 0; read < Count; read++)
        {
            if (remove[read])
            {
                continue;
            }

            Ids[write] = Ids[read];
            Chromosomes[write] = Chromosomes[read];
            Positions[write] = Positions[read];
            Genotypes[write] = Genotypes[read];
            write++;
        }

        Count = write;
    }

    private void Grow()
    {
        if (Ids.Length >= MaxRows)
        {
            ExpansionBudget.Throw(ReadLimitKind.Rows);
        }

        var size = (int)Math.Min((long)Ids.Length * 2, MaxRows);
        Ids = Resize(Ids, size);
        Chromosomes = Resize(Chromosomes, size);
        Positions = Resize(Positions, size);
        Genotypes = Resize(Genotypes, size);
    }

    private static T[] Resize<T>(T[] array, int size)
    {
        var bigger = GC.AllocateUninitializedArray<T>(size);
        Array.Copy(array, bigger, array.Length);
        return bigger;
    }
}
