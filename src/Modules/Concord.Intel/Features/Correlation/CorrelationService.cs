using System.Collections.Concurrent;
using System.Linq.Expressions;
using Concord.Access;
using Concord.Intel.Data;
using Concord.Intel.Features.Import;
using Concord.Observables;
using Concord.Observables.Extraction;
using Concord.Intel.Observables.Warninglists;
using Concord.Platform;
using Concord.Stix;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Concord.Intel.Features.Correlation;

/// <summary>
/// Correlation over the observable index. The index yields candidate versions; the candidates are then read from
/// <c>stix_objects</c> through <see cref="Visibility"/> (latest, unrevoked versions only), and only what survives
/// is counted, grouped and ordered. Probes are read page by page until each value is either exhausted or known to
/// be common by its visible objects alone, so the answer — objects, "common", order — is the same whether or not
/// objects the reader may not see are stored.
/// </summary>
internal sealed class CorrelationService(
    IntelDbContext db,
    IngestSinks sinks,
    ExclusionService exclusions,
    WarninglistService warninglists,
    IAccessDirectory directory,
    IIntelStore store,
    Scoring.DecayModel model,
    TimeProvider time,
    IOptions<CorrelationOptions> options) : ICorrelation
{
    private const int VisibilityChunk = 4096;

    public async Task<Result<CorrelationResult>> LookupAsync(Principal principal, IReadOnlyList<string> values, CorrelationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(request);
        if (values.Count > ICorrelation.MaxLookupValues)
        {
            return Error.Validation("values", "too-many", $"At most {ICorrelation.MaxLookupValues} values per lookup.");
        }

        var inputs = values.Select((value, i) => (value ?? "", LookupValue.Parse(value, $"values[{i}]"))).ToList();
        return new CorrelationResult(await CorrelateAsync(principal, inputs, Parents(request), self: null, cancellationToken));
    }

    public async Task<Result<ObjectCorrelations>> ForObjectAsync(Principal principal, string id, CorrelationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var found = await store.GetAsync(principal, id, null, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var stored = found.Value!;
        var inputs = new List<(string, Result<Observable>)>();
        if (StixParser.TryParse(stored.Json, out var stix, out _))
        {
            using (stix)
            {
                inputs.AddRange(ObservableExtractor.Extract(stix).Observables.Select(o => (o.Observable.Value, (Result<Observable>)o.Observable)));
            }
        }

        var values = await CorrelateAsync(principal, inputs, Parents(request), (stored.Id, stored.OwnerOrgId), cancellationToken);
        return new ObjectCorrelations(stored.Id, values);
    }

    private bool Parents(CorrelationRequest request) => request.ParentDomains ?? options.Value.ParentDomains;

    private async Task<List<ValueCorrelation>> CorrelateAsync(
        Principal principal, List<(string Input, Result<Observable> Parsed)> inputs, bool parents, (string Id, Guid Owner)? self, CancellationToken cancellationToken)
    {
        var matcher = await exclusions.MatcherAsync(cancellationToken);
        var lists = warninglists.Current;
        var reader = new IndexReader(db, sinks.Provider);
        var prefixes = inputs.Any(i => i.Parsed.IsSuccess && i.Parsed.Value.Kind.IsIp()) ? await sinks.Prefixes.GetAsync(reader.PrefixesAsync, cancellationToken) : [];
        var probes = new List<Probe>();
        var excluded = new bool[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].Parsed is { IsSuccess: true } parsed)
            {
                excluded[i] = matcher.IsExcluded(parsed.Value);
                if (!excluded[i])
                {
                    Probes.For(i, parsed.Value, parents, prefixes, matcher, probes);
                }
            }
        }

        var found = await FindVisibleAsync(principal, reader, inputs, probes, matcher, self, cancellationToken);
        var organisations = found.Matches.Any(m => m is { Count: > 0 })
            ? (await directory.ListOrganisationsAsync(cancellationToken)).ToDictionary(o => o.Id)
            : [];
        var scores = Scores(found.Matches, found.Scores);
        var answers = new List<ValueCorrelation>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            var (input, parsed) = inputs[i];
            if (!parsed.IsSuccess)
            {
                answers.Add(new ValueCorrelation(input, null, null, parsed.Error!.Message, false, false, [], []));
                continue;
            }

            var observable = parsed.Value;
            var hits = lists.Match(observable).Select(m => new WarninglistHit(m.List.Id, m.List.Name, m.Entry)).ToList();
            var reporters = found.Common[i] || found.Matches[i] is null ? [] : CorrelationAnswer.Group(found.Matches[i]!, organisations, scores);
            answers.Add(new ValueCorrelation(input, observable.Kind.Name(), observable.Value, null, excluded[i], found.Common[i], hits, reporters));
        }

        return answers;
    }

    private async Task<(Dictionary<long, CorrelationAnswer.Found>?[] Matches, bool[] Common, Dictionary<long, StoredScore> Scores)> FindVisibleAsync(
        Principal principal, IndexReader reader, List<(string Input, Result<Observable> Parsed)> inputs, List<Probe> probes, Observables.Exclusions.ExclusionMatcher matcher,
        (string Id, Guid Owner)? self, CancellationToken cancellationToken)
    {
        var threshold = options.Value.CommonThreshold;
        var page = options.Value.ProbePage;
        var matches = new Dictionary<long, CorrelationAnswer.Found>?[inputs.Count];
        var common = new bool[inputs.Count];
        var visible = new Dictionary<long, CorrelationAnswer.VisibleRow>();
        var stored = new Dictionary<long, StoredScore>();
        var checkedSeqs = new HashSet<long>();
        var cursors = probes.Select(p => new ProbeCursor(p, p.Low, long.MinValue)).ToList();
        while (cursors.Count > 0)
        {
            var hits = await reader.ReadAsync(cursors, page, cancellationToken);
            await ReadVisibleAsync(principal, hits.Select(h => h.Seq).Where(checkedSeqs.Add).ToList(), visible, stored, cancellationToken);
            var perCursor = new int[cursors.Count];
            var last = new IndexHit[cursors.Count];
            foreach (var hit in hits)
            {
                perCursor[hit.Probe]++;
                last[hit.Probe] = hit;
                var probe = cursors[hit.Probe].Probe;
                if (common[probe.Value] || !visible.TryGetValue(hit.Seq, out var row) || (self is { } s && row.StixId == s.Id && row.OwnerOrgId == s.Owner))
                {
                    continue;
                }

                if (CorrelationAnswer.Stored(probe, hit.Key, inputs[probe.Value].Parsed.Value, matcher) is not { } match)
                {
                    continue;
                }

                var forValue = matches[probe.Value] ??= [];
                if (!forValue.TryGetValue(hit.Seq, out var existing) || match.Match < existing.Match)
                {
                    forValue[hit.Seq] = new CorrelationAnswer.Found(row, match.Match, match.Observable);
                }

                if (forValue.Count > threshold)
                {
                    common[probe.Value] = true;
                    matches[probe.Value] = null;
                }
            }

            var next = new List<ProbeCursor>();
            for (var c = 0; c < cursors.Count; c++)
            {
                if (perCursor[c] == page && !common[cursors[c].Probe.Value])
                {
                    next.Add(cursors[c] with { AfterKey = last[c].Key, AfterSeq = last[c].Seq });
                }
            }

            cursors = next;
        }

        return (matches, common, stored);
    }

    /// <summary>The current scores of the matched indicators, as <see cref="IIntelStore"/> shows them on objects.</summary>
    private Dictionary<(string StixId, Guid Owner), double> Scores(Dictionary<long, CorrelationAnswer.Found>?[] matches, Dictionary<long, StoredScore> stored)
    {
        var scores = new Dictionary<(string StixId, Guid Owner), double>();
        var nowUs = StixTime.ToMicros(time.GetUtcNow());
        foreach (var found in matches.Where(m => m is not null).SelectMany(m => m!.Values).Where(f => f.Row.Type == "indicator"))
        {
            if (stored.TryGetValue(found.Row.Seq, out var s))
            {
                scores[(found.Row.StixId, found.Row.OwnerOrgId)] = Scoring.DecayModel.Shown(model.Score(s.Base, s.RefUs, s.UntilUs, nowUs));
            }
        }

        return scores;
    }

    /// <summary>
    /// Reads the candidates' rows through <see cref="Visibility"/> (only latest, unrevoked versions the principal may
    /// read come back), each indicator with its stored score in the same query: the score is keyed by the row's own
    /// id and owner, so it comes only with a row the principal may read.
    /// </summary>
    private async Task ReadVisibleAsync(
        Principal principal, List<long> seqs, Dictionary<long, CorrelationAnswer.VisibleRow> visible, Dictionary<long, StoredScore> scores, CancellationToken cancellationToken)
    {
        if (seqs.Count == 0)
        {
            return;
        }

        var query = VisibleQuery(db.GetType(), Visibility.RuleKind(principal));
        var organisation = Visibility.RuleOrganisation(principal);
        var audiences = Visibility.RuleAudiences(principal);
        foreach (var chunk in seqs.Chunk(VisibilityChunk))
        {
            await foreach (var r in query(db, organisation, audiences, chunk).WithCancellation(cancellationToken))
            {
                visible[r.Row.Seq] = r.Row;
                if (r.Row.Type == "indicator" && r.Base is { } b)
                {
                    scores[r.Row.Seq] = new StoredScore(b, r.RefUs!.Value, r.UntilUs!.Value);
                }
            }
        }
    }

    /// <summary>The query of <see cref="ReadVisibleAsync"/> but for the read rule, which <see cref="VisibleQuery"/> puts in place of <c>visible</c>.</summary>
    private static readonly Expression<Func<IQueryable<StoredObject>, IntelDbContext, long[], IQueryable<VisibleScored>>> VisibleShape = (visible, db, seqs) =>
        from o in visible.Where(o => o.Latest && !o.Revoked && seqs.Contains(o.Seq))
        join score in db.Scores on new { o.StixId, o.OwnerOrgId } equals new { score.StixId, score.OwnerOrgId } into scored
        from s in scored.DefaultIfEmpty()
        select new VisibleScored(
            new CorrelationAnswer.VisibleRow(o.Seq, o.StixId, o.Type, o.Name, o.OwnerOrgId, o.Tlp, o.CreatedUs, o.ModifiedUs, o.DateAddedUs),
            (double?)s!.Base, (long?)s.RefUs, (long?)s.UntilUs);

    private static readonly ConcurrentDictionary<(Type Context, PrincipalKind Kind), Func<IntelDbContext, Guid, List<Guid?>, long[], IAsyncEnumerable<VisibleScored>>> VisibleQueries = new();

    /// <summary>
    /// The visible-rows query compiled once per context type (a compiled query keeps one provider's plan) and reader
    /// kind, with the reader's organisation and audiences as its parameters: a lookup then skips EF's per-query work
    /// of hashing the read rule's expression tree and extracting its values, which was most of a lookup's own CPU.
    /// </summary>
    private static Func<IntelDbContext, Guid, List<Guid?>, long[], IAsyncEnumerable<VisibleScored>> VisibleQuery(Type context, PrincipalKind kind) =>
        VisibleQueries.GetOrAdd((context, kind), static key =>
        {
            var (visible, db, seqs) = (VisibleShape.Parameters[0], VisibleShape.Parameters[1], VisibleShape.Parameters[2]);
            var organisation = Expression.Parameter(typeof(Guid), "organisation");
            var audiences = Expression.Parameter(typeof(List<Guid?>), "audiences");
            var readable = Expression.Call(typeof(Queryable), nameof(Queryable.Where), [typeof(StoredObject)],
                Expression.Property(db, nameof(IntelDbContext.Objects)), Expression.Quote(Visibility.Filter<StoredObject>(key.Kind, organisation, audiences)));
            var body = new Replace(visible, readable).Visit(VisibleShape.Body);
            return EF.CompileAsyncQuery(Expression.Lambda<Func<IntelDbContext, Guid, List<Guid?>, long[], IQueryable<VisibleScored>>>(body, db, organisation, audiences, seqs));
        });

    private sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }

    private sealed record VisibleScored(CorrelationAnswer.VisibleRow Row, double? Base, long? RefUs, long? UntilUs);

    private readonly record struct StoredScore(double Base, long RefUs, long UntilUs);
}
