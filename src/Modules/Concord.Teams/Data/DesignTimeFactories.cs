using Concord.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Concord.Teams.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build each provider's context (one migrations folder per provider).</summary>
internal sealed class SqliteTeamsDesignFactory : IDesignTimeDbContextFactory<SqliteTeamsDbContext>
{
    public SqliteTeamsDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<SqliteTeamsDbContext>)new DbContextOptionsBuilder<SqliteTeamsDbContext>()
            .UseConcordStorage(new StorageOptions { Provider = StorageProvider.Sqlite, ConnectionString = "Data Source=design.db" }, TeamsModule.Name)
            .Options);
}

internal sealed class PostgresTeamsDesignFactory : IDesignTimeDbContextFactory<PostgresTeamsDbContext>
{
    public PostgresTeamsDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<PostgresTeamsDbContext>)new DbContextOptionsBuilder<PostgresTeamsDbContext>()
            .UseConcordStorage(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = "Host=localhost;Database=design" }, TeamsModule.Name)
            .Options);
}
