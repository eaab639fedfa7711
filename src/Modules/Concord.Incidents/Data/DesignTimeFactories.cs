using Concord.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Concord.Incidents.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build each provider's context (one migrations folder per provider).</summary>
internal sealed class SqliteIncidentsDesignFactory : IDesignTimeDbContextFactory<SqliteIncidentsDbContext>
{
    public SqliteIncidentsDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<SqliteIncidentsDbContext>)new DbContextOptionsBuilder<SqliteIncidentsDbContext>()
            .UseConcordStorage(new StorageOptions { Provider = StorageProvider.Sqlite, ConnectionString = "Data Source=design.db" }, IncidentsModule.Name)
            .Options);
}

internal sealed class PostgresIncidentsDesignFactory : IDesignTimeDbContextFactory<PostgresIncidentsDbContext>
{
    public PostgresIncidentsDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<PostgresIncidentsDbContext>)new DbContextOptionsBuilder<PostgresIncidentsDbContext>()
            .UseConcordStorage(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = "Host=localhost;Database=design" }, IncidentsModule.Name)
            .Options);
}
