using System.Runtime.CompilerServices;
using Concord.Access;
using Concord.Intel.Features.Import;

namespace Concord.Intel.Features.Misp;

/// <summary>What a MISP import needs besides the body: the importer's sharing groups by id, and the clock.</summary>
/// <param name="SharingGroup">The audience of the importing organisation's sharing group with this id, or null.</param>
internal sealed record MispSourceServices(Func<Guid, CancellationToken, Task<Guid?>> SharingGroup, TimeProvider Time)
{
    public static MispSourceServices None(TimeProvider time) => new((_, _) => Task.FromResult<Guid?>(null), time);
}

/// <summary>
/// MISP JSON as a source of the ingest pipeline: events read one at a time, each converted to STIX objects that the
/// pipeline then validates and stores like any bundle's (so TLP and scope rules, all-or-nothing and best-effort stay
/// the pipeline's). Elements that cannot be converted arrive as rejections naming the event and attribute.
/// </summary>
internal sealed class MispSource(Stream body, MispSourceServices services) : IngestSource
{
    private readonly Dictionary<Guid, Guid?> _groups = [];
    private long _events;
    private long _attributes;
    private long _objects;
    private long _sightings;
    private long _deletedAttributes;
    private long _deletedObjects;
    private long _proposals;

    public override ImportFormat Format => ImportFormat.Misp;

    public override MispImportSummary? Misp => new(_events, _attributes, _objects, _sightings, _deletedAttributes, _deletedObjects, _proposals);

    public override async IAsyncEnumerable<IngestEntry> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var index = 0;
        await foreach (var unit in MispDocumentReader.ReadAsync(body, cancellationToken))
        {
            using (unit)
            {
                if (unit.Error is { } error)
                {
                    yield return Rejected(index++, null, new ObjectIssue(unit.Path, unit.Rule, error));
                    continue;
                }

                _events++;
                var converted = MispEventConverter.Convert(unit.Event, unit.Path, services.Time.GetUtcNow());
                Count(converted);
                foreach (var output in converted.Outputs)
                {
                    var position = index++;
                    yield return output.Problem is { } problem
                        ? Rejected(position, output.Id, problem)
                        : new IngestEntry(position) { Json = output.Json, Origin = output.Origin, Scope = await HintAsync(output.Distribution, cancellationToken) };
                }
            }
        }
    }

    private static IngestEntry Rejected(int index, string? id, ObjectIssue issue) =>
        new(index) { Rejection = new RejectedObject(index, id, [issue]) };

    private void Count(MispConverted converted)
    {
        _attributes += converted.Attributes;
        _objects += converted.Objects;
        _sightings += converted.Sightings;
        _deletedAttributes += converted.DeletedAttributes;
        _deletedObjects += converted.DeletedObjects;
        _proposals += converted.Proposals;
    }

    /// <summary>MISP's distribution as a scope (the table in docs/misp-import.md); the pipeline caps it by the object's TLP.</summary>
    private async ValueTask<ScopeHint?> HintAsync(MispDistribution distribution, CancellationToken cancellationToken)
    {
        switch (distribution.Level)
        {
            case null:
                return null;
            case 1:
                return new ScopeHint(Scope.Alliance);
            case 2:
                return new ScopeHint(Scope.ConnectedNodes);
            case 3:
                return new ScopeHint(Scope.Public);
            case 4 when distribution.SharingGroup is { } group:
                if (!_groups.TryGetValue(group, out var audience))
                {
                    _groups[group] = audience = await services.SharingGroup(group, cancellationToken);
                }

                // A MISP sharing group is ours only when the importer shares in a local group with the same uuid; any
                // other is unknown here, so its members cannot be named: the owner only.
                return audience is { } known ? new ScopeHint(Scope.SharingGroup, known) : new ScopeHint(Scope.Owner);
            default:
                return new ScopeHint(Scope.Owner);
        }
    }
}
