using System.Runtime.CompilerServices;
using Concord.Access;
using Concord.Intel.Data;
using Concord.Intel.Features.Correlation;
using Concord.Intel.Features.Import;
using Concord.Intel.Features.Scoring;
using Concord.Intel.Features.Search;
using Concord.Platform;
using Concord.Platform.Audit;
using Concord.Platform.IO;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Concord.Intel.Features.Objects;

/// <summary>
/// The object store. Reads start from <see cref="Visible"/>, the one query every read path narrows further, so no
/// path can skip <see cref="Visibility"/>. Writes go through the provider's bulk sink under the ingest gate.
/// </summary>
internal sealed partial class IntelStore(
    IntelDbContext db,
    IngestSinks sinks,
    IngestGate gate,
    IAccessDirectory directory,
    IOptions<IntelOptions> options,
    WarninglistService warninglists,
    ScoreFollower scores,
    Alerts.AlertFollower alerts,
    DecayModel model,
    TimeProvider time,
    IAuditTrail audit) : IIntelStore
{
    public const int MaxPageSize = 1000;

    /// <summary>Imports storing at most this many objects are answered with their scores already current.</summary>
    public const int SynchronousScoringLimit = 5_000;

    public async Task<Result<ImportReport>> ImportAsync(Principal principal, Stream bundle, ImportOptions importOptions, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var report = await ImportCoreAsync(principal, bundle, importOptions, progress, cancellationToken);
        if (report.Value is { } done)
        {
            // One entry per import, whatever its size: who, for which organisation, and the counts.
            await audit.RecordAsync(IntelAudit.Import(principal.OrganisationId, null, done), cancellationToken);
        }

        return report;
    }

    // Internal for feed runs, which audit once per run rather than once per event.
    internal async Task<Result<ImportReport>> ImportCoreAsync(Principal principal, Stream bundle, ImportOptions importOptions, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(importOptions);
        var plan = await DistributionPlan.ResolveAsync(principal, importOptions, directory, cancellationToken);
        if (!plan.IsSuccess)
        {
            return plan.Error!;
        }

        var counting = new CountingStream(bundle);
        var source = await ImportSources.OpenAsync(counting, ImportSources.Services(directory, plan.Value!.OwnerOrgId, time), cancellationToken);
        if (!source.IsSuccess)
        {
            return source.Error!;
        }

        Result<ImportReport> report;
        using (await gate.EnterAsync(cancellationToken))
        await using (var sink = sinks.Create())
        {
            var run = new IngestRun(importOptions.Policy, plan.Value!, options.Value.MaxReportedErrors) { Warninglists = warninglists.Current };
            report = await IngestPipeline.RunAsync(source.Value!, sink, run, progress, () => counting.BytesRead, cancellationToken);
        }

        // After the commit, outside the ingest gate: for a small import, scores and sightings follow the new rows before
        // the caller is answered, so what it reads next is current. A bulk import is answered as soon as its objects are
        // stored: the follower (slower than the bulk path: it parses and scores every indicator) catches up in the
        // background. Should this step fail, the background follower resumes it.
        if (report.IsSuccess && report.Value!.Stored > 0)
        {
            alerts.Signal();
            if (report.Value.Stored <= SynchronousScoringLimit && !importOptions.ScoreInBackground)
            {
                await scores.AfterCommitAsync(cancellationToken);
            }
            else
            {
                scores.Signal();
            }
        }

        return report;
    }

    public async Task<ObjectPage> QueryAsync(Principal principal, ObjectQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Clamp(query.Limit, 1, MaxPageSize);

        // Identical copies of one (id, version) are one result. What decides a row's presence besides its bytes (its
        // owner's copy being latest, the owner, TLP and score filters) decides the pool it is compared within; the
        // other filters follow from the bytes, so identical rows agree on them.
        var pool = CopyPool(principal, query);
        var search = SearchTerms.From(query.Text, query.Label);
        IQueryable<StoredObject> RowsOf(IQueryable<StoredObject> source) =>
            Filtered(principal, query, cursor: search is null && query.Offset is null, source).Where(Copies.FirstOfIdentical(pool));
        var filtered = RowsOf(db.Objects);
        List<StoredObject> scanned;
        long? next;
        if (query.Offset is { } offset)
        {
            (scanned, next) = await NumberedPageAsync(principal, query, RowsOf, search, offset, limit, cancellationToken);
        }
        else if (search is not null)
        {
            (scanned, next) = await new TextSearch(db, sinks.Provider, principal).PageAsync(RowsOf, search, query, limit, cancellationToken);
        }
        else
        {
            var rows = await ReachOrder.Page(filtered, principal, query.NewestFirst, limit + 1, query.After).ToListAsync(cancellationToken);
            scanned = rows.Take(limit).ToList();
            next = rows.Count > limit ? scanned[^1].Seq : null;
        }

        var lists = query.ExcludeWarninglisted ? warninglists.Current : null;
        var kept = scanned.Where(o => lists is null || !WarninglistFilter.AllListed(o.Json, lists)).ToList();
        var shared = await AlsoSharedByAsync(principal, pool, kept, cancellationToken);
        var items = await WithScoresAsync(kept.ConvertAll(o => ToContract(o) with { AlsoSharedBy = shared.GetValueOrDefault(o.Seq, []) }), cancellationToken);

        // The cursor is the last row read, not the last one returned, so leaving objects out never repeats or skips one.
        return new ObjectPage(items, next);
    }

    /// <summary>
    /// For each row, the other owners in <paramref name="pool"/> holding the same (id, version) with the same bytes: one
    /// query per page, over the ids another organisation holds too (a sole copy has no other owner to find).
    /// </summary>
    private async Task<Dictionary<long, IReadOnlyList<Guid>>> AlsoSharedByAsync(
        Principal principal, IQueryable<StoredObject> pool, List<StoredObject> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Where(r => !r.SoleCopy).Select(r => r.StixId).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var seqs = rows.Select(r => r.Seq).ToList();
        var others = (await pool.Where(o => EF.Parameter(ids).Contains(o.StixId) && !EF.Parameter(seqs).Contains(o.Seq)).ToListAsync(cancellationToken))
            .ToLookup(o => o.StixId, StringComparer.Ordinal);
        var result = new Dictionary<long, IReadOnlyList<Guid>>();
        foreach (var row in rows)
        {
            var owners = Copies.AlsoSharedBy(row, others[row.StixId], principal);
            if (owners.Count > 0)
            {
                result[row.Seq] = owners;
            }
        }

        return result;
    }

    public async IAsyncEnumerable<StoredStixObject> StreamAsync(Principal principal, ObjectQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = query with { Limit = MaxPageSize };
        while (true)
        {
            var result = await QueryAsync(principal, page, cancellationToken);
            foreach (var item in result.Items)
            {
                yield return item;
            }

            if (result.Next is null)
            {
                yield break;
            }

            db.ChangeTracker.Clear();
            page = page with { After = result.Next };
        }
    }

    /// <summary>
    /// What an export of values needs of each visible row a query selects (its JSON and TLP), oldest first, in one
    /// streaming read: no scores, no "also shared by", and identical copies held by two owners both come (a value list
    /// writes each value once). Through the same door and filters as <see cref="QueryAsync"/>; a text query cannot be
    /// answered in store order, so it goes through <see cref="StreamAsync"/>.
    /// </summary>
    internal async IAsyncEnumerable<(byte[] Json, Stix.Tlp Tlp)> StreamJsonAsync(Principal principal, ObjectQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (SearchTerms.From(query.Text, query.Label) is not null)
        {
            await foreach (var item in StreamAsync(principal, query, cancellationToken))
            {
                yield return (item.Json.ToArray(), item.Tlp);
            }

            yield break;
        }

        var rows = Filtered(principal, query with { After = null }, cursor: false, db.Objects).OrderBy(o => o.Seq).Select(o => new { o.Json, o.Tlp });
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return (row.Json, row.Tlp);
        }
    }

    public Task<Result<StoredStixObject>> GetAsync(Principal principal, string id, string? version, CancellationToken cancellationToken) =>
        GetCopyAsync(principal, id, version, null, cancellationToken);

    public async Task<Result<StoredStixObject>> GetCopyAsync(Principal principal, string id, string? version, Guid? owner, CancellationToken cancellationToken)
    {
        long? versionUs = null;
        if (version is not null)
        {
            if (StixTime.ToMicros(version) is not { } us)
            {
                return Error.Validation("version", "timestamp-format", "'version' must be a STIX timestamp (YYYY-MM-DDTHH:MM:SS[.s+]Z).");
            }

            versionUs = us;
        }

        // Every visible row of the id: an id has a handful of versions and copies.
        var rows = await Visible(principal).Where(o => o.StixId == id).ToListAsync(cancellationToken);
        var candidates = rows.Where(o => versionUs is null || o.VersionUs == versionUs).ToList();
        if (candidates.Count == 0 || (owner is { } wanted && candidates.All(o => o.OwnerOrgId != wanted || !Copies.Nameable(o, principal))))
        {
            return Error.NotFound("The object");
        }

        // Without an owner: the primary copy when it holds the version asked for, else the copy stored first that does.
        var primary = Copies.PrimaryOwner(rows);
        var chosenOwner = owner ?? (candidates.Any(o => o.OwnerOrgId == primary) ? primary : candidates.MinBy(o => o.Seq)!.OwnerOrgId);
        var row = candidates.Where(o => o.OwnerOrgId == chosenOwner).MaxBy(o => o.VersionUs)!;
        var found = ToContract(row) with { AlsoSharedBy = Copies.AlsoSharedBy(row, rows, principal), OtherCopies = Copies.Others(row, rows, principal) };
        return (await WithScoresAsync([found], cancellationToken))[0];
    }

    public Task<Result<IReadOnlyList<StoredStixObject>>> VersionsAsync(Principal principal, string id, CancellationToken cancellationToken) =>
        CopyVersionsAsync(principal, id, null, cancellationToken);

    public async Task<Result<IReadOnlyList<StoredStixObject>>> CopyVersionsAsync(Principal principal, string id, Guid? owner, CancellationToken cancellationToken)
    {
        var rows = await Visible(principal).Where(o => o.StixId == id).ToListAsync(cancellationToken);
        var chosenOwner = owner ?? (rows.Count == 0 ? Guid.Empty : Copies.PrimaryOwner(rows));
        var lineage = rows.Where(o => o.OwnerOrgId == chosenOwner && (owner is null || Copies.Nameable(o, principal))).OrderBy(o => o.VersionUs).ToList();
        return lineage.Count == 0
            ? Error.NotFound("The object")
            : await WithScoresAsync(lineage.ConvertAll(o => ToContract(o) with { AlsoSharedBy = Copies.AlsoSharedBy(o, rows, principal) }), cancellationToken);
    }

    /// <summary>The only starting point for reads: what <paramref name="principal"/> may read.</summary>
    private IQueryable<StoredObject> Visible(Principal principal, IQueryable<StoredObject>? source = null) =>
        (source ?? db.Objects).AsNoTracking().Apply(principal);

    /// <summary>
    /// The visible rows a listed row is compared with for identical copies: narrowed by what is not decided by a row's
    /// bytes (latest-ness of its owner's copy, owner, TLP, score), so a row never stands in for one the query leaves out.
    /// </summary>
    private IQueryable<StoredObject> CopyPool(Principal principal, ObjectQuery query)
    {
        var rows = Visible(principal);
        if (!query.AllVersions)
        {
            rows = rows.Where(o => o.Latest);
        }

        if (query.Tlp is { } tlp)
        {
            rows = rows.Where(o => o.Tlp == tlp);
        }

        if (query.TlpMax is { } tlpMax)
        {
            rows = rows.Where(o => o.Tlp <= tlpMax);
        }

        if (query.Owner is { } owner)
        {
            rows = rows.Where(o => o.OwnerOrgId == owner);
        }

        if (query.MinScore is { } minScore)
        {
            rows = rows.ScoreAtLeast(db.Scores, model, minScore, StixTime.ToMicros(time.GetUtcNow()));
        }

        return rows;
    }

    /// <param name="cursor">False when a text search pages itself (its cursor may be a relevance position).</param>
    /// <param name="source">The table, or the rows of it a text index matched.</param>
    private IQueryable<StoredObject> Filtered(Principal principal, ObjectQuery query, bool cursor, IQueryable<StoredObject> source)
    {
        var rows = Visible(principal, source);
        if (!query.AllVersions)
        {
            rows = rows.Where(o => o.Latest);
        }

        if (cursor && query.After is { } after)
        {
            rows = query.NewestFirst ? rows.Where(o => o.Seq < after) : rows.Where(o => o.Seq > after);
        }

        if (query.Type is { } type)
        {
            rows = rows.Where(o => o.Type == type);
        }

        if (query.ExcludeTypes.Count > 0)
        {
            var excluded = query.ExcludeTypes.ToList();
            rows = rows.Where(o => !excluded.Contains(o.Type));
        }

        // The text index finds the label (TextSearch); this keeps its exact spelling.
        if (query.Label is { } label)
        {
            var token = "|" + label + "|";
            rows = rows.Where(o => o.Labels != null && o.Labels.Contains(token));
        }

        if (query.CreatedByRef is { } author)
        {
            rows = rows.Where(o => o.CreatedByRef == author);
        }

        if (query.ModifiedFrom is { } from)
        {
            var fromUs = StixTime.ToMicros(from);
            rows = rows.Where(o => o.VersionUs >= fromUs);
        }

        if (query.ModifiedTo is { } to)
        {
            var toUs = StixTime.ToMicros(to);
            rows = rows.Where(o => o.VersionUs <= toUs);
        }

        if (query.Tlp is { } tlp)
        {
            rows = rows.Where(o => o.Tlp == tlp);
        }

        if (query.TlpMax is { } tlpMax)
        {
            rows = rows.Where(o => o.Tlp <= tlpMax);
        }

        if (query.Owner is { } owner)
        {
            rows = rows.Where(o => o.OwnerOrgId == owner);

            // An anonymous sighting must not be found by its reporter's id, except by the reporter. A sighting not yet
            // projected counts as anonymous until it is: fail closed.
            if (principal.OrganisationId != owner)
            {
                var sightings = db.Sightings;
                rows = rows.Where(o => o.Type != "sighting" || sightings.Any(s => s.Seq == o.Seq && !s.Anonymous));
            }
        }

        if (query.MinScore is { } minScore)
        {
            rows = rows.ScoreAtLeast(db.Scores, model, minScore, StixTime.ToMicros(time.GetUtcNow()));
        }

        return rows;
    }

    /// <summary>Adds the current score to each indicator: read from the score table, which only counts inputs every reader of the indicator may read.</summary>
    private async Task<List<StoredStixObject>> WithScoresAsync(List<StoredStixObject> items, CancellationToken cancellationToken)
    {
        var ids = items.Where(i => i.Type == "indicator").Select(i => i.Id).Distinct().ToList();
        if (ids.Count == 0)
        {
            return items;
        }

        var found = await db.Scores.AsNoTracking().Where(s => ids.Contains(s.StixId)).ToDictionaryAsync(s => (s.StixId, s.OwnerOrgId), cancellationToken);
        var nowUs = StixTime.ToMicros(time.GetUtcNow());
        return items.ConvertAll(i => i.Type == "indicator" && found.TryGetValue((i.Id, i.OwnerOrgId), out var s)
            ? i with { Score = DecayModel.Shown(model.Score(s.Base, s.RefUs, s.UntilUs, nowUs)) }
            : i);
    }

    private static StoredStixObject ToContract(StoredObject o) => new(
        o.StixId, o.Type, o.Modified, o.Revoked, o.Seq, StixTime.FromMicros(o.DateAddedUs), o.OwnerOrgId, o.Tlp, o.Scope, o.AudienceId, o.Json)
    {
        AnonymousReporter = o.Type == "sighting" && ScoreInputs.IsAnonymous(o.Json),
    };
}
