using Concord.Access;
using Concord.Intel;
using Concord.Stix;

namespace Concord.IntegrationTests.LeakHarness.Paths;

/// <summary>
/// What the object page reads around an object (the explorer): the hub's links both ways (relationships to each cell's
/// indicator, notes about it), each record's own links and version diff, and a note's reference to it when an analyst
/// writes one (refused as "not found" when hidden).
/// </summary>
internal sealed class ExplorerLinks : IReadPath
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string Name => "object links, diffs and references";

    public IReadOnlyList<string> Routes { get; } = [];

    public async Task CheckAsync(LeakWorld world, Reader reader, Mismatches report)
    {
        var principal = await world.PrincipalAsync(reader);
        var hub = world.Records.Single(r => r.Label == "hub").Id;
        var links = (await world.WithAsync<IIntelExplorer, Concord.Platform.Result<Concord.Intel.ObjectLinks>>(e => e.LinksAsync(principal, hub, Ct))).Value!.Links;
        var writer = principal.HasRole(Role.Analyst) ? principal : null;
        var written = new List<LeakRecord>();
        foreach (var record in world.Records.Where(r => r.Owner == LeakWorld.Owner))
        {
            var expected = world.MayRead(reader, record);
            if (record.Type is "relationship" or "note")
            {
                var kind = record.Type == "note" ? "object_refs" : "related-to";
                var other = record.Type == "note" ? record.Id : TargetOf(world, record);
                report.Sees(reader, record, "hub's links", expected, links.Any(l => l.Other.Id == other && l.Kind == kind));
                continue;
            }

            report.Sees(reader, record, "links", expected, (await world.WithAsync<IIntelExplorer, bool>(async e => (await e.LinksAsync(principal, record.Id, Ct)).IsSuccess)));
            report.Sees(reader, record, "diff", expected, (await world.WithAsync<IIntelExplorer, bool>(async e => (await e.DiffAsync(principal, record.Id, null, null, Ct)).IsSuccess)));
            if (writer is not null)
            {
                var draft = new NoteDraft { Content = "about it", ObjectRefs = [record.Id], Tlp = Tlp.Red, Scope = Scope.Owner };
                var saved = await world.WithAsync<IIntelAuthoring, SaveOutcome>(a => a.SaveAsync(writer, draft, Ct));
                report.Sees(reader, record, "a note's reference", expected, saved.IsSuccess);
                if (saved.Saved is { } note)
                {
                    written.Add(new LeakRecord($"explorer note by {reader}", note.Id, "note", reader.Organisation!, Tlp.Red, Scope.Owner, new HashSet<string>()));
                }
            }
        }

        // The notes written are records like any other: the paths checked after this one count them for their readers.
        world.Records.AddRange(written);
    }

    /// <summary>A relationship's target: the cell's indicator (same label after the type), or the first decoy.</summary>
    private static string TargetOf(LeakWorld world, LeakRecord relationship) =>
        relationship.Label.StartsWith("relationship ", StringComparison.Ordinal)
            ? world.Records.Single(r => r.Label == "indicator " + relationship.Label["relationship ".Length..]).Id
            : world.Records.First(r => r.Label.StartsWith("decoy A", StringComparison.Ordinal)).Id;
}
