using Concord.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Concord.Intel.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build each provider's context (one migrations folder per provider).</summary>
internal sealed class SqliteIntelDesignFactory : IDesignTimeDbContextFactory<SqliteIntelDbContext>
{
    public SqliteIntelDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<SqliteIntelDbContext>)new DbContextOptionsBuilder<SqliteIntelDbContext>()
            .UseConcordStorage(new StorageOptions { Provider = StorageProvider.Sqlite, ConnectionString = "Data Source=design.db" }, IntelModule.Name)
            .Options);
}

internal sealed class PostgresIntelDesignFactory : IDesignTimeDbContextFactory<PostgresIntelDbContext>
{
    public PostgresIntelDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<PostgresIntelDbContext>)new DbContextOptionsBuilder<PostgresIntelDbContext>()
            .UseConcordStorage(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = "Host=localhost;Database=design" }, IntelModule.Name)
            .Options);
}
