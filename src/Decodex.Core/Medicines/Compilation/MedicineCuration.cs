using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Decodex.Core.Medicines.Compilation;

/// <summary>The curated definitions file (<c>tools/Decodex.MedicineCompiler/curation/classes.yaml</c>), as read.</summary>
internal sealed class MedicineCuration
{
    public string DataDate { get; set; } = "";

    public List<CuratedSource> Sources { get; set; } = [];

    public List<string> SaltWords { get; set; } = [];

    public List<CuratedSaltBase> SaltBases { get; set; } = [];

    public List<CuratedAlias> Aliases { get; set; } = [];

    public List<CuratedClass> Classes { get; set; } = [];

    public static MedicineCuration Read(string path)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        try
        {
            return deserializer.Deserialize<MedicineCuration>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new InvalidDataException($"{path} is not a valid definitions file: {ex.Message}", ex);
        }
    }
}

internal sealed class CuratedSource
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string Short { get; set; } = "";

    public string Date { get; set; } = "";

    public List<string> Files { get; set; } = [];

    public string Licence { get; set; } = "";

    public string Attribution { get; set; } = "";
}

internal sealed class CuratedSaltBase
{
    public string Salt { get; set; } = "";

    public string Base { get; set; } = "";

    public string Reason { get; set; } = "";
}

internal sealed class CuratedAlias
{
    public string Ingredient { get; set; } = "";

    public List<string> Names { get; set; } = [];

    public string Citation { get; set; } = "";
}

internal sealed class CuratedClass
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Parent { get; set; }

    public string Definition { get; set; } = "";

    public List<CuratedTerm> Terms { get; set; } = [];

    public List<string> Includes { get; set; } = [];

    public List<CuratedException> Exceptions { get; set; } = [];

    public List<CuratedMember> ExtraMembers { get; set; } = [];

    public CuratedOncMembers? OncMembers { get; set; }
}

internal sealed class CuratedTerm
{
    public string System { get; set; } = "";

    public string Term { get; set; } = "";
}

internal sealed class CuratedException
{
    public string Ingredient { get; set; } = "";

    public string Reason { get; set; } = "";
}

internal sealed class CuratedMember
{
    public string Ingredient { get; set; } = "";

    public CuratedLabelCitation? Label { get; set; }

    public CuratedMeshAction? MeshAction { get; set; }

    public CuratedNdcClass? NdcSubstanceClass { get; set; }
}

internal sealed class CuratedLabelCitation
{
    public string SetId { get; set; } = "";

    public string Version { get; set; } = "";

    public string Section { get; set; } = "";

    public string Quote { get; set; } = "";
}

internal sealed class CuratedMeshAction
{
    public string RecordUi { get; set; } = "";

    public string Action { get; set; } = "";
}

internal sealed class CuratedNdcClass
{
    public string Substance { get; set; } = "";

    public string Term { get; set; } = "";
}

internal sealed class CuratedOncMembers
{
    public string Pair { get; set; } = "";

    public string Column { get; set; } = "";
}
