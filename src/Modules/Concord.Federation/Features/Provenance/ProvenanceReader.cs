using Concord.Access;
using Concord.Federation.Data;
using Concord.Federation.Features.Envelope;
using Concord.Intel;
using Concord.Platform;
using Microsoft.EntityFrameworkCore;

namespace Concord.Federation.Features.Provenance;

/// <summary>
/// How a copy came to this node (<see cref="CopyProvenance"/>), for whoever may read it: the copy is read through the
/// visibility door first, so a hidden or unknown copy answers "not found" alike.
/// </summary>
internal sealed class ProvenanceReader(FederationDbContext db, IIntelStore store, IAccessDirectory directory, NodeIdentity identity)
{
    public async Task<Result<CopyProvenance>> ReadAsync(Principal caller, string id, Guid? owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (string.IsNullOrWhiteSpace(id))
        {
            return Error.Validation("id", "required", "Give the STIX id of the object.");
        }

        var copy = await store.GetCopyAsync(caller, id, null, owner, cancellationToken);
        if (!copy.IsSuccess)
        {
            return copy.Error!;
        }

        var found = copy.Value!;
        var here = new ProvenanceHop(identity.Node.Id, identity.Node.Name);

        // An anonymous sighting does not say whose it is, nor where it came from.
        if (found.ReporterFor(caller) is null)
        {
            return new CopyProvenance(found.Id, null, null, [], null, null);
        }

        var org = await directory.FindOrganisationAsync(found.OwnerOrgId, cancellationToken);
        if (org?.Home is not { } home)
        {
            return new CopyProvenance(found.Id, found.OwnerOrgId, here, [here], null, null);
        }

        var origin = new ProvenanceHop(home.NodeId, home.NodeName);
        var relayed = await db.Provenance.AsNoTracking().FirstOrDefaultAsync(p => p.OwnerOrgId == found.OwnerOrgId && p.ObjectId == found.Id, cancellationToken);
        if (relayed is not null && Hop.ParsePath(relayed.Path) is { } path)
        {
            var via = await db.Peers.AsNoTracking().Where(p => p.Id == relayed.ViaPeerId).Select(p => p.Name).FirstOrDefaultAsync(cancellationToken);
            return new CopyProvenance(found.Id, found.OwnerOrgId, origin, [.. path.Select(h => new ProvenanceHop(h.Node, h.Name)), here], via, relayed.ReceivedAt);
        }

        var direct = await db.Peers.AsNoTracking().Where(p => p.RemoteNodeId == home.NodeId).OrderBy(p => p.Name).Select(p => p.Name).FirstOrDefaultAsync(cancellationToken);
        return new CopyProvenance(found.Id, found.OwnerOrgId, origin, [origin, here], direct, found.DateAdded);
    }
}
