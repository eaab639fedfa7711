using Concord.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Concord.Taxii.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build each provider's context (one migrations folder per provider).</summary>
internal sealed class SqliteTaxiiDesignFactory : IDesignTimeDbContextFactory<SqliteTaxiiDbContext>
{
    public SqliteTaxiiDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<SqliteTaxiiDbContext>)new DbContextOptionsBuilder<SqliteTaxiiDbContext>()
            .UseConcordStorage(new StorageOptions { Provider = StorageProvider.Sqlite, ConnectionString = "Data Source=design.db" }, TaxiiModule.Name)
            .Options);
}

internal sealed class PostgresTaxiiDesignFactory : IDesignTimeDbContextFactory<PostgresTaxiiDbContext>
{
    public PostgresTaxiiDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<PostgresTaxiiDbContext>)new DbContextOptionsBuilder<PostgresTaxiiDbContext>()
            .UseConcordStorage(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = "Host=localhost;Database=design" }, TaxiiModule.Name)
            .Options);
}
