using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Decodex.Storage;

/// <summary>
/// The Decodex database: Identity's tables, profiles, uploads and reports, every row owned by one user
/// and deleted with them (cascade). The provider subclasses carry their own migrations.
/// </summary>
public abstract class DecodexDbContext(DbContextOptions options) : IdentityDbContext<DecodexUser>(options)
{
    public DbSet<ProfileEntity> Profiles => Set<ProfileEntity>();

    public DbSet<UploadEntity> Uploads => Set<UploadEntity>();

    public DbSet<ReportEntity> Reports => Set<ReportEntity>();

    public DbSet<LabResultEntity> LabResults => Set<LabResultEntity>();

    public DbSet<UserKeyEntity> UserKeys => Set<UserKeyEntity>();

    public DbSet<TrialEntity> Trials => Set<TrialEntity>();

    public DbSet<CommunityMemberEntity> CommunityMembers => Set<CommunityMemberEntity>();

    public DbSet<CommunityPostEntity> CommunityPosts => Set<CommunityPostEntity>();

    public DbSet<CommunityRatingEntity> CommunityRatings => Set<CommunityRatingEntity>();

    public DbSet<CommunityFlagEntity> CommunityFlags => Set<CommunityFlagEntity>();

    public DbSet<CommunityAuditEntity> CommunityAudit => Set<CommunityAuditEntity>();

    public DbSet<SharedTrialEntity> SharedTrials => Set<SharedTrialEntity>();

    /// <summary>
    /// The community's times are stored as a number (UTC ticks) so that both providers order and compare
    /// them in the database (SQLite cannot order a DateTimeOffset).
    /// </summary>
    private static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, long> Instant =
        new(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.Entity<ProfileEntity>(e =>
        {
            e.HasIndex(p => p.OwnerId).IsUnique();
            e.HasOne<DecodexUser>().WithMany().HasForeignKey(p => p.OwnerId).OnDelete(DeleteBehavior.Cascade);
            e.Property(p => p.Sex).HasMaxLength(8);
            e.Ignore(p => p.Ancestry);
            e.Ignore(p => p.ActiveGenome);
            e.Ignore(p => p.ShowApoe);
            e.Ignore(p => p.RevealedHealthTopics);
            e.Ignore(p => p.Following);
        });
        builder.Entity<UploadEntity>(e =>
        {
            e.HasIndex(u => u.OwnerId);
            e.HasOne<DecodexUser>().WithMany().HasForeignKey(u => u.OwnerId).OnDelete(DeleteBehavior.Cascade);
            e.Property(u => u.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(u => u.FileName).HasMaxLength(1024);
        });
        builder.Entity<LabResultEntity>(e =>
        {
            e.HasIndex(r => new { r.OwnerId, r.MarkerId });
            e.HasOne<DecodexUser>().WithMany().HasForeignKey(r => r.OwnerId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<UploadEntity>().WithMany().HasForeignKey(r => r.UploadId).OnDelete(DeleteBehavior.Cascade);
            e.Property(r => r.MarkerId).HasMaxLength(100);
        });
        builder.Entity<ReportEntity>(e =>
        {
            e.HasIndex(r => r.OwnerId);
            e.HasOne<DecodexUser>().WithMany().HasForeignKey(r => r.OwnerId).OnDelete(DeleteBehavior.Cascade);
            e.Property(r => r.CompoundId).HasMaxLength(512);
            e.Property(r => r.Verdict).HasMaxLength(256);
        });
        builder.Entity<TrialEntity>(e =>
        {
            e.HasIndex(t => t.OwnerId);
            e.HasOne<DecodexUser>().WithMany().HasForeignKey(t => t.OwnerId).OnDelete(DeleteBehavior.Cascade);
        });
        // The community: members by pseudonym; posts anonymised (author set to null) when their author's
        // account goes, unless the author chose to delete them first; ratings and flags go with the account.
        builder.Entity<CommunityMemberEntity>(e =>
        {
            e.HasKey(m => m.AccountId);
            e.HasOne<DecodexUser>().WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
            e.Property(m => m.Pseudonym).HasMaxLength(40);
            e.HasIndex(m => m.Pseudonym).IsUnique();
            e.Property(m => m.Role).HasMaxLength(16);
            e.Property(m => m.Joined).HasConversion(Instant);
        });
        builder.Entity<CommunityPostEntity>(e =>
        {
            e.HasOne<DecodexUser>().WithMany().HasForeignKey(p => p.AuthorId).OnDelete(DeleteBehavior.SetNull);
            e.Property(p => p.Kind).HasMaxLength(16);
            e.Property(p => p.State).HasMaxLength(16);
            e.Property(p => p.CompoundId).HasMaxLength(200);
            e.Property(p => p.Origin).HasMaxLength(64);
            e.Property(p => p.ItemId).HasMaxLength(64);
            // A compound's posts of a kind, top-level or not, by state and newest first: the lists and their counts read only this index.
            e.HasIndex(p => new { p.CompoundId, p.Kind, p.ParentId, p.State, p.Created });
            e.HasIndex(p => p.ParentId);
            e.HasIndex(p => p.AuthorId);
            e.HasIndex(p => new { p.State, p.Created });
            e.HasIndex(p => p.ItemId).IsUnique();
            e.Property(p => p.Created).HasConversion(Instant);
            e.Property(p => p.Updated).HasConversion(Instant);
        });
        builder.Entity<CommunityRatingEntity>(e =>
        {
            e.HasOne<DecodexUser>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
            e.Property(r => r.Rater).HasMaxLength(80);
            e.Property(r => r.CompoundId).HasMaxLength(200);
            e.Property(r => r.Excluded).HasMaxLength(16);
            e.HasIndex(r => new { r.Rater, r.CompoundId }).IsUnique();
            e.HasIndex(r => r.CompoundId);
            e.HasIndex(r => r.AccountId);
            e.Property(r => r.RatedAt).HasConversion(Instant);
        });
        builder.Entity<CommunityFlagEntity>(e =>
        {
            e.HasOne<CommunityPostEntity>().WithMany().HasForeignKey(f => f.PostId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<DecodexUser>().WithMany().HasForeignKey(f => f.ById).OnDelete(DeleteBehavior.Cascade);
            e.Property(f => f.Reason).HasMaxLength(32);
            e.HasIndex(f => f.PostId);
            e.HasIndex(f => f.ById);
            e.Property(f => f.At).HasConversion(Instant);
        });
        builder.Entity<CommunityAuditEntity>(e =>
        {
            e.Property(a => a.Actor).HasMaxLength(64);
            e.Property(a => a.Action).HasMaxLength(40);
            e.Property(a => a.Note).HasMaxLength(500);
            e.Property(a => a.At).HasConversion(Instant);
            e.HasIndex(a => a.At);
        });
        builder.Entity<SharedTrialEntity>(e =>
        {
            e.HasOne<DecodexUser>().WithMany().HasForeignKey(t => t.OwnerId).OnDelete(DeleteBehavior.SetNull);
            e.Property(t => t.CompoundId).HasMaxLength(200);
            e.Property(t => t.Outcome).HasMaxLength(100);
            e.Property(t => t.Instrument).HasMaxLength(32);
            e.Property(t => t.PlanSha256).HasMaxLength(64);
            e.Property(t => t.ItemId).HasMaxLength(64);
            e.Property(t => t.Origin).HasMaxLength(64);
            e.HasIndex(t => t.ItemId).IsUnique();
            e.HasIndex(t => new { t.CompoundId, t.Outcome });
            e.HasIndex(t => t.OwnerId);
            e.Property(t => t.Shared).HasConversion(Instant);
        });
        builder.Entity<UserKeyEntity>(e =>
        {
            e.HasKey(k => k.OwnerId);
            e.HasOne<DecodexUser>().WithMany().HasForeignKey(k => k.OwnerId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

/// <summary>The embedded default: SQLite.</summary>
public sealed class SqliteDecodexDbContext(DbContextOptions<SqliteDecodexDbContext> options) : DecodexDbContext(options);

/// <summary>The multi-user deployment: PostgreSQL.</summary>
public sealed class PostgresDecodexDbContext(DbContextOptions<PostgresDecodexDbContext> options) : DecodexDbContext(options);
