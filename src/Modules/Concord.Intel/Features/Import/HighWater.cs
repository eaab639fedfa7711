using System.Data.Common;

namespace Concord.Intel.Features.Import;

/// <summary>Reads the store's last sequence number and <c>date_added</c> (objects and tombstones share the sequence).</summary>
internal static class HighWater
{
    private const string Sql = """
        SELECT
          COALESCE((SELECT MAX(seq) FROM stix_objects), 0),
          COALESCE((SELECT MAX(seq) FROM stix_tombstones), 0),
          COALESCE((SELECT date_added_us FROM stix_objects ORDER BY seq DESC LIMIT 1), 0),
          COALESCE((SELECT deleted_at_us FROM stix_tombstones ORDER BY seq DESC LIMIT 1), 0)
        """;

    public static async Task<NodeSequence> ReadAsync(DbConnection connection, DbTransaction transaction, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var seq = Math.Max(reader.GetInt64(0), reader.GetInt64(1));
        var date = Math.Max(reader.GetInt64(2), reader.GetInt64(3));
        return new NodeSequence(seq, date, StixTime.ToMicros(time.GetUtcNow()));
    }
}
