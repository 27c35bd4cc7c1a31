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
