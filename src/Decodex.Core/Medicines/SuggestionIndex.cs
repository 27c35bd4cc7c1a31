namespace Decodex.Core.Medicines;

/// <summary>
/// The known keys grouped by length, each with a letter mask that gives a cheap lower bound on the edit
/// distance. Built on the first suggestion request, not at load, since most lists need none.
/// </summary>
internal sealed class SuggestionIndex
{
    public SuggestionIndex(IEnumerable<string> keys)
    {
        var byLength = new List<string>[MedicineNames.MaxInputLength + 1];
        foreach (var key in keys)
        {
            (byLength[key.Length] ??= []).Add(key);
        }

        KeysByLength = new string[byLength.Length][];
        MasksByLength = new uint[byLength.Length][];
        for (var length = 0; length < byLength.Length; length++)
        {
            KeysByLength[length] = byLength[length] is { } list ? [.. list] : [];
            MasksByLength[length] = new uint[KeysByLength[length].Length];
            for (var i = 0; i < KeysByLength[length].Length; i++)
            {
                MasksByLength[length][i] = MedicineVocabulary.LetterMask(KeysByLength[length][i]);
            }
        }
    }

    public string[][] KeysByLength { get; }

    public uint[][] MasksByLength { get; }
}
