using Concord.Access;
using Concord.Intel.Data;
using Concord.Intel.Features.Correlation;
using Concord.Platform.Feeds;
using Concord.Stix;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Concord.Intel.Features.Blind;

/// <summary>
/// Keeps the blind index: new object rows are read from a persisted mark, their observables' index keys re-derived and
/// each entered under its blind hash. Setting the secret empties the index and puts the mark back to the start, so the
/// index is rebuilt under the new key; the step locks the mark row before it reads the key, so a step under the old key
/// either commits before the change (whose delete then removes its rows) or waits and sees the new key.
/// </summary>
[InternalProjection("a follower: maps blind hashes to observable index keys; answers read records through Visibility")]
internal sealed class BlindFollower(IServiceScopeFactory scopes, ILogger<BlindFollower> logger) : Follower(logger)
{
    internal const string Mark = "blind.objects";
    internal const string SecretName = "federation.blind-lookups";
    private const int Batch = 1000;

    public override string Name => "Blind lookup index";

    protected override async Task<bool> StepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntelDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.FollowerMarks.Where(m => m.Name == Mark).ExecuteUpdateAsync(s => s.SetProperty(m => m.Position, m => m.Position), cancellationToken);
        var secret = await db.NodeKeys.AsNoTracking().Where(k => k.Name == SecretName).Select(k => k.Secret).FirstOrDefaultAsync(cancellationToken);
        if (secret is null)
        {
            await transaction.CommitAsync(cancellationToken);
            return false;
        }

        var mark = await db.FollowerMarks.FirstOrDefaultAsync(m => m.Name == Mark, cancellationToken);
        if (mark is null)
        {
            mark = new FollowerMark { Name = Mark };
            db.FollowerMarks.Add(mark);
        }

        var position = mark.Position;
        var rows = await db.Objects.AsNoTracking().Where(o => o.Seq > position).OrderBy(o => o.Seq).Take(Batch)
            .Select(o => new { o.Seq, o.Type, o.Json }).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return false;
        }

        var entries = new Dictionary<string, (byte[] Blind, byte[] Key)>();
        foreach (var row in rows.Where(r => IngestObservables.Types.Contains(r.Type)))
        {
            if (!StixParser.TryParse(row.Json, out var stixObject, out _))
            {
                continue;
            }

            using (stixObject)
            {
                foreach (var key in IngestObservables.KeysOf(stixObject) ?? [])
                {
                    var blind = BlindHash.Of(secret, key);
                    entries.TryAdd(Convert.ToHexString(blind) + Convert.ToHexString(key), (blind, key));
                }
            }
        }

        await InsertAsync(db, entries.Values.ToList(), cancellationToken);
        mark.Position = rows[^1].Seq;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Enters the pairs, skipping those already there (a value seen in an earlier batch).</summary>
    private static async Task InsertAsync(IntelDbContext db, List<(byte[] Blind, byte[] Key)> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        if (db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true)
        {
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO intel_blind_keys (blind, key) SELECT * FROM unnest(@blinds, @keys) ON CONFLICT DO NOTHING",
                [new NpgsqlParameter("blinds", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = entries.Select(e => e.Blind).ToArray() },
                 new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = entries.Select(e => e.Key).ToArray() }],
                cancellationToken);
            return;
        }

        foreach (var (blind, key) in entries)
        {
            await db.Database.ExecuteSqlAsync($"INSERT INTO intel_blind_keys (blind, key) VALUES ({blind}, {key}) ON CONFLICT DO NOTHING", cancellationToken);
        }
    }
}
