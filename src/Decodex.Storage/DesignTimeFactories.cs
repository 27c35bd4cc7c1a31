using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Decodex.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite context without the web app.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteDecodexDbContext>
{
    public SqliteDecodexDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteDecodexDbContext>().UseSqlite("Data Source=design.db", o => o.MigrationsAssembly(typeof(SqliteDecodexDbContext).Assembly.GetName().Name)).Options);
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL context without a server.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDecodexDbContext>
{
    public PostgresDecodexDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresDecodexDbContext>().UseNpgsql("Host=localhost;Database=decodex_design").Options);
}
