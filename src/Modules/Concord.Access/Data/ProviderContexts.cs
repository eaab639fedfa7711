using Concord.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Concord.Access.Data;

internal sealed class SqliteAccessDbContext(DbContextOptions<SqliteAccessDbContext> options) : AccessDbContext(options);

internal sealed class PostgresAccessDbContext(DbContextOptions<PostgresAccessDbContext> options) : AccessDbContext(options);

/// <summary>Design-time factories so <c>dotnet ef migrations add</c> builds each provider's context without a host.</summary>
internal sealed class SqliteAccessDbContextFactory : IDesignTimeDbContextFactory<SqliteAccessDbContext>
{
    public SqliteAccessDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteAccessDbContext>();
        builder.UseConcordStorage(new StorageOptions { Provider = StorageProvider.Sqlite, ConnectionString = "Data Source=design.db" }, AccessModule.Name);
        return new(builder.Options);
    }
}

internal sealed class PostgresAccessDbContextFactory : IDesignTimeDbContextFactory<PostgresAccessDbContext>
{
    public PostgresAccessDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgresAccessDbContext>();
        builder.UseConcordStorage(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = "Host=localhost;Database=design" }, AccessModule.Name);
        return new(builder.Options);
    }
}
