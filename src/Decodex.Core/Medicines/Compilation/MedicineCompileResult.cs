namespace Decodex.Core.Medicines.Compilation;

/// <summary>What one compile produced: the file's bytes, its version label, notes about gaps in the inputs, and a one-line summary.</summary>
public sealed record MedicineCompileResult(byte[] Json, string Version, IReadOnlyList<string> Notes, string Summary);
