namespace Concord.Intel.Features.Misp;

/// <summary>MISP's distribution of an event, object or attribute, and its sharing group when distribution is 4.</summary>
/// <param name="Level">0 your organisation, 1 this community, 2 connected communities, 3 all, 4 a sharing group; null: not said.</param>
internal readonly record struct MispDistribution(int? Level, Guid? SharingGroup = null);

/// <summary>
/// One result of converting an event, in the order the pipeline receives them: a STIX object with the MISP element it
/// came from and the distribution it inherits, or the element's rejection when it cannot be converted at all.
/// </summary>
internal sealed record MispOutput(string? Id, byte[]? Json, Import.IngestOrigin Origin, MispDistribution Distribution)
{
    public ObjectIssue? Problem { get; init; }
}

/// <summary>Everything converted from one event, and what was counted along the way.</summary>
internal sealed class MispConverted
{
    public List<MispOutput> Outputs { get; } = [];

    public long Attributes { get; set; }

    public long Objects { get; set; }

    public long Sightings { get; set; }

    public long DeletedAttributes { get; set; }

    public long DeletedObjects { get; set; }

    public long Proposals { get; set; }
}
