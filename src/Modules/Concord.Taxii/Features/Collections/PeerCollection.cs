namespace Concord.Taxii.Features.Collections;

/// <summary>
/// The default root's first collection that filters nothing (no scope, types, TLP cap or score): a peer node reads all
/// it may there, and visibility alone narrows it.
/// </summary>
internal sealed class PeerCollection(TaxiiCatalog catalog) : ITaxiiPeerCollection
{
    public string? Path { get; } = Find(catalog);

    private static string? Find(TaxiiCatalog catalog)
    {
        var root = catalog.Roots.FirstOrDefault(r => r.IsDefault);
        var collection = root?.Collections.FirstOrDefault(c =>
            c.View is { Scope: null, Types: null, MaxTlp: null, MinScore: null, AudienceId: null });
        return collection is null ? null : $"/taxii2/{root!.Name}/collections/{collection.Id}/";
    }
}
