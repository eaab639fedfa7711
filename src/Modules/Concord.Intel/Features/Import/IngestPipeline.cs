using System.Threading.Channels;
using Concord.Intel.Features.Correlation;
using Concord.Stix;
using Concord.Stix.Markings;
using Concord.Stix.Validation;

namespace Concord.Intel.Features.Import;

/// <summary>Where a (resumed) import starts and how its progress is made durable.</summary>
/// <param name="SkipThrough">Entries up to this index were committed by an earlier run.</param>
/// <param name="Checkpoint">Called inside the transaction before each batch commit (best-effort jobs); null: one transaction.</param>
internal sealed record IngestRun(
    ImportPolicy Policy,
    DistributionPlan Plan,
    int MaxErrors,
    int SkipThrough = -1,
    ImportTally? Resume = null,
    Func<IIngestSink, int, ImportTally, CancellationToken, Task>? Checkpoint = null)
{
    /// <summary>Writes the objects' observables to the correlation index (off only to measure what indexing costs).</summary>
    public bool IndexObservables { get; init; } = true;

    /// <summary>The warninglists to flag observables against at ingest (null: none).</summary>
    public Observables.Warninglists.WarninglistSnapshot? Warninglists { get; init; }
}

/// <summary>
/// Streams bundle entries through parse, validation and distribution rules into a provider sink. Memory is bounded
/// by the reader's per-object limit and the batch, never by the bundle. All-or-nothing keeps validating after the
/// first bad object so every error is reported, but stops writing and rolls back.
/// </summary>
internal static class IngestPipeline
{
    public const int BatchSize = 20_000;

    /// <summary>Imports a STIX bundle (the benchmarks' and tests' entry; the store detects the format first).</summary>
    public static Task<ImportReport> RunAsync(
        Stream bundle, IIngestSink sink, IngestRun run, IProgress<ImportProgress>? progress, Func<long>? bytesRead, CancellationToken cancellationToken) =>
        RunAsync(new StixBundleSource(bundle), sink, run, progress, bytesRead, cancellationToken);

    public static async Task<ImportReport> RunAsync(
        IngestSource source, IIngestSink sink, IngestRun run, IProgress<ImportProgress>? progress, Func<long>? bytesRead, CancellationToken cancellationToken)
    {
        var tally = run.Resume ?? new ImportTally();
        var inBatch = 0;
        var lastIndex = run.SkipThrough;
        await sink.BeginAsync(cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Parsing and validating on one core while the other writes: the two halves take about as long each.
        var prepared = Channel.CreateBounded<Prepared>(new BoundedChannelOptions(2048) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(() => ProduceAsync(source, run, prepared.Writer, stop.Token), stop.Token);
        try
        {
            await foreach (var item in prepared.Reader.ReadAllAsync(stop.Token))
            {
                lastIndex = Math.Max(lastIndex, item.Index);
                tally.Processed++;
                if (item.Rejection is not null)
                {
                    tally.Reject(item.Rejection, run.MaxErrors);
                }
                else if (run.Policy == ImportPolicy.BestEffort || tally.Rejected == 0)
                {
                    await sink.AddAsync(item.Row!, stop.Token);
                    tally.Warninglisted += item.Listed;
                    inBatch++;
                }

                if (inBatch >= BatchSize)
                {
                    tally.Add(await sink.FlushAsync(stop.Token));
                    inBatch = 0;
                    if (run.Checkpoint is not null && run.Policy == ImportPolicy.BestEffort)
                    {
                        await run.Checkpoint(sink, lastIndex, tally, stop.Token);
                        await sink.CommitAsync(continueAfter: true, stop.Token);
                    }
                }

                if (progress is not null && (tally.Processed & 1023) == 0)
                {
                    progress.Report(tally.ToProgress(bytesRead?.Invoke() ?? 0));
                }
            }

            await producer;
            tally.Add(await sink.FlushAsync(cancellationToken));
            var committed = run.Policy == ImportPolicy.BestEffort || tally.Rejected == 0;
            if (committed)
            {
                if (run.Checkpoint is not null)
                {
                    await run.Checkpoint(sink, lastIndex, tally, cancellationToken);
                }

                await sink.CommitAsync(continueAfter: false, cancellationToken);
            }
            else
            {
                await sink.RollbackAsync(cancellationToken);
                tally.Stored = 0;
                tally.Duplicates = 0;
            }

            progress?.Report(tally.ToProgress(bytesRead?.Invoke() ?? 0));
            return tally.ToReport(run.Policy, committed) with { Format = ImportFormats.Name(source.Format), Misp = source.Misp };
        }
        catch
        {
            await stop.CancelAsync();
            await sink.RollbackAsync(CancellationToken.None);
            await producer.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            throw;
        }
    }

    private static async Task ProduceAsync(IngestSource source, IngestRun run, ChannelWriter<Prepared> output, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var entry in source.ReadAsync(cancellationToken))
            {
                if (entry.Index >= 0 && entry.Index <= run.SkipThrough)
                {
                    continue;
                }

                var row = Prepare(entry, run, out var listed, out var rejection);
                await output.WriteAsync(new Prepared(entry.Index, row, rejection, listed), cancellationToken);
            }

            output.Complete();
        }
        catch (Exception ex)
        {
            output.Complete(ex);
        }
    }

    private sealed record Prepared(int Index, IngestRow? Row, RejectedObject? Rejection, int Listed);

    private static IngestRow? Prepare(IngestEntry entry, IngestRun run, out int listed, out RejectedObject? rejection)
    {
        var plan = run.Plan;
        rejection = entry.Rejection;
        listed = 0;
        if (rejection is not null)
        {
            return null;
        }

        StixObject? stix;
        StixIssue? parseError;
        var parsed = entry.Bundle is { } element ? element.TryParse(out stix, out parseError) : StixParser.TryParse(entry.Json, out stix, out parseError);
        if (!parsed)
        {
            rejection = new RejectedObject(entry.Index, null, [entry.Bundle is not null ? Issue(parseError!) : At(entry, null, parseError!)]);
            return null;
        }

        using (stix)
        {
            var validation = StixValidator.Validate(stix!);
            if (!validation.IsValid)
            {
                rejection = new RejectedObject(entry.Index, NullIfEmpty(stix!.Id), validation.Errors.Select(e => At(entry, stix.Type, e)).ToList());
                return null;
            }

            var created = StixTime.ToMicros(stix!.Created);
            var modified = StixTime.ToMicros(stix.Modified);
            if ((stix.Created is not null && created is null) || (stix.Modified is not null && modified is null))
            {
                var field = stix.Modified is not null && modified is null ? "modified" : "created";
                rejection = new RejectedObject(entry.Index, stix.Id, [At(entry, stix.Type, StixIssue.Error("$." + field, "timestamp-format", $"'{field}' is not a STIX timestamp (YYYY-MM-DDTHH:MM:SS[.s+]Z)."))]);
                return null;
            }

            // The strictest TLP anywhere in the object, granular markings included: the object is served whole. Unmarked as
            // a whole, it takes the import's TLP, which a granular marking may make stricter, never wider.
            var whole = TlpMarkings.EffectiveTlp(stix.ObjectMarkingRefs).Tlp;
            var parts = TlpMarkings.EffectiveTlp(stix.GranularMarkingRefs).Tlp;
            var fromParts = parts is { } part && part > (whole ?? plan.FallbackTlp);
            var (tlp, scope, audience, error) = plan.For(fromParts ? parts : whole, entry.Scope);
            if (error is not null)
            {
                var (field, why) = fromParts ? ("granular_markings", " (the TLP of a granular marking, which governs the whole object)") : ("object_marking_refs", string.Empty);
                rejection = new RejectedObject(entry.Index, stix.Id, [At(entry, stix.Type, StixIssue.Error("$." + field, error.Rule, error.Message + why))]);
                return null;
            }

            return new IngestRow(
                stix.Id, stix.Type, stix.SpecVersion, stix.Created, stix.Version, created, modified, modified ?? created ?? 0, stix.Revoked,
                stix.CreatedByRef, IngestRow.Clean(stix.Name), IngestRow.Clean(stix.Description), IngestRow.JoinLabels(stix.Labels),
                plan.OwnerOrgId, tlp, scope, audience, entry.Bundle?.Utf8Json ?? entry.Json)
            {
                ObservableKeys = run.IndexObservables ? IngestObservables.KeysOf(stix, run.Warninglists, out listed) : null,
                Search = Search.SearchDocument.From(stix),
            }.WithContentHash();
        }
    }

    // A bundle's errors are located in the bundle; a converted object's in the element of the source it came from, with
    // the STIX object and property named in the message (the person fixing it edits the source, not our STIX).
    private static ObjectIssue At(IngestEntry entry, string? type, StixIssue issue) => entry.Origin is { } origin
        ? new ObjectIssue(origin.Path, issue.Rule, $"{origin.Description}: {issue.Message} (STIX {type ?? "object"}, {issue.Path})")
        : new ObjectIssue($"$.objects[{entry.Index}]" + issue.Path[1..], issue.Rule, issue.Message);

    private static ObjectIssue Issue(StixIssue issue) => new(issue.Path, issue.Rule, issue.Message);

    private static string? NullIfEmpty(string id) => id.Length == 0 ? null : id;
}
