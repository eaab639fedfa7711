using Concord.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Concord.Federation.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build each provider's context (one migrations folder per provider).</summary>
internal sealed class SqliteFederationDesignFactory : IDesignTimeDbContextFactory<SqliteFederationDbContext>
{
    public SqliteFederationDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<SqliteFederationDbContext>)new DbContextOptionsBuilder<SqliteFederationDbContext>()
            .UseConcordStorage(new StorageOptions { Provider = StorageProvider.Sqlite, ConnectionString = "Data Source=design.db" }, FederationModule.Name)
            .Options);
}

internal sealed class PostgresFederationDesignFactory : IDesignTimeDbContextFactory<PostgresFederationDbContext>
{
    public PostgresFederationDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<PostgresFederationDbContext>)new DbContextOptionsBuilder<PostgresFederationDbContext>()
            .UseConcordStorage(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = "Host=localhost;Database=design" }, FederationModule.Name)
            .Options);
}
