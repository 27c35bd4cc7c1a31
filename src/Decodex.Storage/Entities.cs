using Microsoft.AspNetCore.Identity;

namespace Decodex.Storage;

/// <summary>An account. Identity keeps the hashed password, lockout and two-factor state.</summary>
public sealed class DecodexUser : IdentityUser
{
    public DateTimeOffset Created { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>A person's profile (one per user): the same fields as the profile YAML of <c>decodex report</c>.</summary>
public sealed class ProfileEntity
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required string OwnerId { get; set; }

    /// <summary><c>female</c>, <c>male</c> or null.</summary>
    public string? Sex { get; set; }

    public DateOnly? BirthDate { get; set; }

    /// <summary>Newline-separated names as the user wrote them.</summary>
    public string Conditions { get; set; } = string.Empty;

    public string Medications { get; set; } = string.Empty;

    public string Goals { get; set; } = string.Empty;

    /// <summary><c>yes</c>, <c>no</c> or null (not stated).</summary>
    public string? Pregnant { get; set; }

    /// <summary><c>yes</c>, <c>no</c> or null (not stated).</summary>
    public string? Breastfeeding { get; set; }

    /// <summary>Newline-separated medicines the user is allergic or hypersensitive to, as written.</summary>
    public string Allergies { get; set; } = string.Empty;

    /// <summary>
    /// The CPIC biogeographic group the user stated (e.g. <c>European</c>), for the probability of
    /// pharmacogene phenotypes; null when not stated. Kept only inside <see cref="Sealed"/>: it has no
    /// clear column.
    /// </summary>
    public string? Ancestry { get; set; }

    /// <summary>
    /// The DNA upload the report reads, chosen by the user; null (or an upload since deleted) means the
    /// newest DNA upload. Kept only inside <see cref="Sealed"/>.
    /// </summary>
    public Guid? ActiveGenome { get; set; }

    /// <summary>
    /// Whether the user chose to see their APOE result (a sensitive, Alzheimer's-related result shown only
    /// on request). Kept only inside <see cref="Sealed"/>.
    /// </summary>
    public bool ShowApoe { get; set; }

    /// <summary>
    /// The sensitive health topics (of <c>vocabularies/health-variants.yaml</c>) the person chose to see, one
    /// per line; encrypted with the profile. A result of a topic not listed stays hidden.
    /// </summary>
    public string RevealedHealthTopics { get; set; } = string.Empty;

    /// <summary>
    /// The compound ids the user follows on their dashboard, one per line (empty: none). Kept only inside
    /// <see cref="Sealed"/>.
    /// </summary>
    public string Following { get; set; } = string.Empty;

    public DateTimeOffset Updated { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>
    /// In the database, every field above as one value sealed with the owner's data key; the clear
    /// columns are then left empty (they hold data only from before per-user keys).
    /// </summary>
    public byte[]? Sealed { get; set; }
}

/// <summary>What an upload holds.</summary>
public enum UploadKind
{
    Genome,
    Labs,
}

/// <summary>
/// An uploaded DNA or lab file: compressed, then encrypted with ASP.NET Data Protection. Decoded on
/// demand; deleted with its owner. <see cref="Summary"/> holds no genotype or value.
/// </summary>
public sealed class UploadEntity
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required string OwnerId { get; set; }

    public UploadKind Kind { get; set; }

    public required string FileName { get; set; }

    public long Size { get; set; }

    public DateTimeOffset Created { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>What the reader said (format, build, counts), never a genotype or a value.</summary>
    public string Summary { get; set; } = string.Empty;

    public required byte[] Content { get; set; }
}

/// <summary>
/// A self-experiment (N-of-1 trial): its whole record (plan, hidden allocation, values, guesses,
/// deviations) as JSON, compressed and sealed with the owner's key. Nothing about the trial is in
/// clear, not even its title; deleted with its owner.
/// </summary>
public sealed class TrialEntity
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required string OwnerId { get; set; }

    public DateTimeOffset Created { get; set; } = DateTimeOffset.UtcNow;

    public DateTimeOffset Updated { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>The trial record's JSON, compressed and sealed.</summary>
    public required byte[] Content { get; set; }
}

/// <summary>A report generated for the user, kept (encrypted) so it can be downloaded again.</summary>
public sealed class ReportEntity
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required string OwnerId { get; set; }

    public required string CompoundId { get; set; }

    public required string Verdict { get; set; }

    public DateTimeOffset Created { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>The report JSON, encrypted.</summary>
    public required byte[] Content { get; set; }
}

/// <summary>
/// One lab result of a stored lab upload, for queries by marker and date. The date and the marker id
/// are kept in clear for that; everything else (test name, value, unit, the lab's range and flag) is
/// encrypted in <see cref="Payload"/>. Deleted with its upload and its owner.
/// </summary>
public sealed class LabResultEntity
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required string OwnerId { get; set; }

    public Guid UploadId { get; set; }

    public DateTimeOffset Date { get; set; }

    /// <summary>The catalogue marker id; null for a test the catalogue does not know.</summary>
    public string? MarkerId { get; set; }

    /// <summary>The result as JSON (test, LOINC, value, comparator, unit, range, flag), compressed and encrypted.</summary>
    public required byte[] Payload { get; set; }
}
