using System.Runtime.CompilerServices;
using Concord.Access;
using Concord.Intel.Data;
using Concord.Intel.Features.Correlation;
using Concord.Intel.Features.Import;
using Concord.Intel.Features.Scoring;
using Concord.Intel.Features.Search;
using Concord.Platform;
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
    TimeProvider time) : IIntelStore
{
    public const int MaxPageSize = 1000;

    /// <summary>Imports storing at most this many objects are answered with their scores already current.</summary>
    public const int SynchronousScoringLimit = 5_000;

    public async Task<Result<ImportReport>> ImportAsync(Principal principal, Stream bundle, ImportOptions importOptions, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(importOptions);
        var plan = await DistributionPlan.ResolveAsync(principal, importOptions, directory, cancellationToken);
        if (!plan.IsSuccess)
        {
            return plan.Error!;
        }

        var counting = new CountingStream(bundle);
        Result<ImportReport> report;
        using (await gate.EnterAsync(cancellationToken))
        await using (var sink = sinks.Create())
        {
            var run = new IngestRun(importOptions.Policy, plan.Value!, options.Value.MaxReportedErrors) { Warninglists = warninglists.Current };
            report = await IngestPipeline.RunAsync(counting, sink, run, progress, () => counting.BytesRead, cancellationToken);
        }

        // After the commit, outside the ingest gate: for a small import, scores and sightings follow the new rows before
        // the caller is answered, so what it reads next is current. A bulk import is answered as soon as its objects are
        // stored: the follower (slower than the bulk path: it parses and scores every indicator) catches up in the
        // background. Should this step fail, the background follower resumes it.
        if (report.IsSuccess && report.Value!.Stored > 0)
        {
            alerts.Signal();
            if (report.Value.Stored <= SynchronousScoringLimit)
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
        var search = SearchTerms.From(query.Text, query.Label);
        var filtered = Filtered(principal, query, cursor: search is null);
        List<StoredObject> scanned;
        long? next;
        if (search is not null)
        {
            (scanned, next) = await new TextSearch(db, sinks.Provider, principal).PageAsync(filtered, search, query, limit, cancellationToken);
        }
        else
        {
            var ordered = query.NewestFirst ? filtered.OrderByDescending(o => o.Seq) : filtered.OrderBy(o => o.Seq);
            var rows = await ordered.Take(limit + 1).ToListAsync(cancellationToken);
            scanned = rows.Take(limit).ToList();
            next = rows.Count > limit ? scanned[^1].Seq : null;
        }

        var lists = query.ExcludeWarninglisted ? warninglists.Current : null;
        var items = await WithScoresAsync(scanned.Where(o => lists is null || !WarninglistFilter.AllListed(o.Json, lists)).Select(ToContract).ToList(), cancellationToken);

        // The cursor is the last row read, not the last one returned, so leaving objects out never repeats or skips one.
        return new ObjectPage(items, next);
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

    public async Task<Result<StoredStixObject>> GetAsync(Principal principal, string id, string? version, CancellationToken cancellationToken)
    {
        var rows = Visible(principal).Where(o => o.StixId == id);
        if (version is not null)
        {
            if (StixTime.ToMicros(version) is not { } versionUs)
            {
                return Error.Validation("version", "timestamp-format", "'version' must be a STIX timestamp (YYYY-MM-DDTHH:MM:SS[.s+]Z).");
            }

            rows = rows.Where(o => o.VersionUs == versionUs);
        }

        var row = await rows.OrderByDescending(o => o.VersionUs).FirstOrDefaultAsync(cancellationToken);
        return row is null ? Error.NotFound("The object") : (await WithScoresAsync([ToContract(row)], cancellationToken))[0];
    }

    public async Task<Result<IReadOnlyList<StoredStixObject>>> VersionsAsync(Principal principal, string id, CancellationToken cancellationToken)
    {
        var rows = await Visible(principal).Where(o => o.StixId == id).OrderBy(o => o.VersionUs).ToListAsync(cancellationToken);
        return rows.Count == 0 ? Error.NotFound("The object") : await WithScoresAsync(rows.Select(ToContract).ToList(), cancellationToken);
    }

    /// <summary>The only starting point for reads: what <paramref name="principal"/> may read.</summary>
    private IQueryable<StoredObject> Visible(Principal principal) => db.Objects.AsNoTracking().Apply(principal);

    /// <param name="cursor">False when a text search pages itself (its cursor may be a relevance position).</param>
    private IQueryable<StoredObject> Filtered(Principal principal, ObjectQuery query, bool cursor)
    {
        var rows = Visible(principal);
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
