using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Concord.Platform.Data;

/// <summary>
/// Reads over a context's own connection without EF's query pipeline. For the checks a process runs once at start:
/// translating a LINQ query the first time costs tens of milliseconds, and the start of every CLI verb paid it for
/// queries it ran only once (a cold <c>concord lookup</c> spent a fifth of its time there). Parameters are
/// <c>@p0</c>, <c>@p1</c>… in the order given.
/// </summary>
public static class PlainSql
{
    public static async Task<List<T>> ListAsync<T>(
        this DatabaseFacade database, string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params object[] args)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(read);
        var connection = database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = database.CurrentTransaction?.GetDbTransaction();
            for (var i = 0; i < args.Length; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@p{i}";
                parameter.Value = args[i];
                command.Parameters.Add(parameter);
            }

            var rows = new List<T>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(read(reader));
            }

            return rows;
        }
        finally
        {
            if (opened)
            {
                await database.CloseConnectionAsync();
            }
        }
    }
}
