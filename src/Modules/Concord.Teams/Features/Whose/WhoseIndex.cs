using Concord.Access;
using Concord.Teams.Data;
using Concord.Observables;
using Concord.Observables.Ownership;
using Concord.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Teams.Features.Whose;

/// <summary>
/// The node's one <see cref="ConstituencyIndex"/>, with each owner's team name and country. Rebuilt when a profile
/// changes: at once in the process that saved it, and within <see cref="StaleAfter"/> in any other (a CLI edit, a second
/// server), which notices the newest <c>updated_us</c> moved. Readers use the snapshot they got; a rebuild swaps it.
/// </summary>
internal sealed class WhoseIndex(IServiceScopeFactory scopes, TimeProvider time)
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _building = new(1, 1);
    private volatile Snapshot? _current;
    private long _checkedAt;

    public sealed record Team(string Name, string Country);

    public sealed record Snapshot(long Version, ConstituencyIndex Index, IReadOnlyDictionary<Guid, Team> Teams);

    /// <summary>
    /// Bumped by every <see cref="Invalidate"/>: a rebuild that began before it (and may have read the profiles before the
    /// writer's commit) answers its own reader but is not kept.
    /// </summary>
    private long _generation;

    /// <summary>Drops the snapshot: the next reader rebuilds (the writer calls this after its commit).</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _current = null;
    }

    public async Task<Snapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        var now = time.GetTimestamp();
        if (current is not null && time.GetElapsedTime(Interlocked.Read(ref _checkedAt), now) < StaleAfter)
        {
            return current;
        }

        await _building.WaitAsync(cancellationToken);
        try
        {
            var generation = Interlocked.Read(ref _generation);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TeamsDbContext>();
            var version = await LatestAsync(db, cancellationToken);
            if (_current is { } fresh && fresh.Version == version)
            {
                Interlocked.Exchange(ref _checkedAt, now);
                return fresh;
            }

            var built = await BuildAsync(db, scope.ServiceProvider.GetRequiredService<IAccessDirectory>(), version, cancellationToken);
            if (Interlocked.Read(ref _generation) == generation)
            {
                _current = built;
                Interlocked.Exchange(ref _checkedAt, now);
            }

            return built;
        }
        finally
        {
            _building.Release();
        }
    }

    /// <summary>The newest profile change: one index probe, so checking for staleness costs next to nothing.</summary>
    private static async Task<long> LatestAsync(TeamsDbContext db, CancellationToken cancellationToken) =>
        (await db.Database.ListAsync("SELECT max(updated_us) FROM teams_profiles", r => r.IsDBNull(0) ? 0 : r.GetInt64(0), cancellationToken))[0];

    private static async Task<Snapshot> BuildAsync(TeamsDbContext db, IAccessDirectory directory, long version, CancellationToken cancellationToken)
    {
        var organisations = await directory.ListOrganisationsAsync(cancellationToken);
        var names = await db.Teams.AsNoTracking().Select(t => new { t.OrganisationId, t.Name, t.Country }).ToDictionaryAsync(t => t.OrganisationId, cancellationToken);
        var teams = organisations.ToDictionary(
            o => o.Id,
            o => names.TryGetValue(o.Id, out var team) ? new Team(team.Name, team.Country) : new Team(o.Name, o.Country));

        // Claims of an organisation the node no longer has answer nothing.
        var claims = new List<ConstituencyClaim>();
        await foreach (var row in db.Claims.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (teams.ContainsKey(row.OrganisationId) && Observable.Parse((ObservableKind)row.Kind, row.Value) is { IsSuccess: true } value)
            {
                claims.Add(new ConstituencyClaim(row.OrganisationId, value.Value));
            }
        }

        return new Snapshot(version, ConstituencyIndex.Build(claims), teams);
    }
}
