using Concord.Access;
using Concord.Intel.Data;
using Concord.Intel.Features.Objects;
using Concord.Platform;

namespace Concord.Intel.Features.Feeds;

/// <summary>Imports one body of a feed as its owner, with the feed's TLP and scope, best effort.</summary>
internal sealed class FeedImport(IntelStore store, Principal principal, FeedRecord feed)
{
    private readonly ImportOptions _options = new()
    {
        Policy = ImportPolicy.BestEffort,
        Tlp = feed.Tlp,
        Scope = feed.Scope,
        SharingGroupId = feed.SharingGroupId,
    };

    public Task<Result<ImportReport>> ImportAsync(Stream body, CancellationToken cancellationToken) =>
        store.ImportCoreAsync(principal, body, _options, null, cancellationToken);
}
