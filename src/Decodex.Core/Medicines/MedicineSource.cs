namespace Decodex.Core.Medicines;

/// <summary>One data source the vocabulary was compiled from, with its licence and the attribution to show.</summary>
/// <param name="Id">Short id used inside the data file (<c>rxnorm</c>, <c>ndc2017</c>, <c>mesh2024</c>, <c>openfda</c>, <c>ema</c>, <c>onc2012</c>, <c>cpic</c>, <c>curated</c>).</param>
/// <param name="Name">Full name of the source.</param>
/// <param name="ShortName">Name and date as shown in hops ("RxNorm release 2025-10-06").</param>
/// <param name="Date">Release or data date as the source states it.</param>
/// <param name="Licence">Licence as seen, with what was not verified.</param>
/// <param name="Attribution">Text to show wherever the data is used.</param>
/// <param name="Files">Input files, relative to <c>shared/data/drugs/</c>.</param>
public sealed record MedicineSource(string Id, string Name, string ShortName, string Date, string Licence, string Attribution, IReadOnlyList<string> Files);
