using Concord.Access;

namespace Concord.Taxii.Features.Collections;

/// <summary>
/// A sharing-group collection names its group in the node's configuration; deleting that group would leave a
/// collection nobody may read or write, so Access is told the group is still in use until the configuration changes.
/// </summary>
internal sealed class CollectionAudiences(TaxiiCatalog catalog) : IAudienceReferences
{
    public Task<IReadOnlyList<string>> FindAsync(Guid audienceId, CancellationToken cancellationToken)
    {
        var named = catalog.Roots.SelectMany(r => r.Collections).Any(c => c.View.Scope == Scope.SharingGroup && c.View.AudienceId == audienceId);
        return Task.FromResult<IReadOnlyList<string>>(named ? ["TAXII collections (in the node's configuration)"] : []);
    }
}
