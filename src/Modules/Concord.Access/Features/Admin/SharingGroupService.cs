using Concord.Access.Authentication;
using Concord.Access.Data;
using Concord.Access.Features.Validation;
using Concord.Platform;
using Microsoft.EntityFrameworkCore;

namespace Concord.Access.Features.Admin;

/// <summary>
/// Sharing groups: named sets of organisations with an owner organisation, which is always a member. Members see a
/// group; only the owner's org admins (and node admins) change it. A group the caller's organisation is not in
/// answers 404.
/// </summary>
internal sealed class SharingGroupService(AccessDbContext db, AudienceCache audiences, TimeProvider time)
{
    public async Task<Result<SharingGroupInfo>> CreateAsync(Caller caller, NewSharingGroup request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Rules.Text(request.Name, "name", 200, min: 2) is { } invalid)
        {
            return invalid;
        }

        if (!caller.IsSystem && !caller.Administers(request.OwnerOrgId))
        {
            return new Error(ErrorKind.Forbidden, "not-your-organisation", "Sharing groups are owned by your own organisation.", "ownerOrgId");
        }

        var members = new HashSet<Guid>(request.MemberOrgIds ?? []) { request.OwnerOrgId };
        var known = await db.Organisations.Where(o => members.Contains(o.Id)).Select(o => o.Id).ToListAsync(cancellationToken);
        if (members.FirstOrDefault(m => !known.Contains(m)) is var unknown && unknown != Guid.Empty)
        {
            return Rules.UnknownOrganisation(unknown == request.OwnerOrgId ? "ownerOrgId" : "members", unknown);
        }

        var name = request.Name.Trim();
        var groups = await db.Audiences.Where(a => a.Kind == AudienceKind.SharingGroup && a.OwnerOrgId == request.OwnerOrgId)
            .Select(a => a.Name).ToListAsync(cancellationToken);
        if (groups.Any(g => string.Equals(g, name, StringComparison.OrdinalIgnoreCase)))
        {
            return Error.Conflict("group-name-taken", $"Your organisation already owns a sharing group named '{name}'.", "name");
        }

        var group = new Audience
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            Kind = AudienceKind.SharingGroup,
            Name = name,
            OwnerOrgId = request.OwnerOrgId,
            CreatedAt = time.GetUtcNow(),
            Members = members.Select(m => new AudienceMember { OrganisationId = m }).ToList(),
        };
        db.Audiences.Add(group);
        await db.SaveChangesAsync(cancellationToken);
        audiences.Invalidate(members);
        return ToInfo(group);
    }

    public async Task<List<SharingGroupInfo>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        var query = db.Audiences.AsNoTracking().Include(a => a.Members).Where(a => a.Kind == AudienceKind.SharingGroup);
        if (!caller.IsNodeAdmin && !caller.IsSystem)
        {
            query = query.Where(a => a.Members.Any(m => m.OrganisationId == caller.OrganisationId));
        }

        return (await query.OrderBy(a => a.Name).ToListAsync(cancellationToken)).Select(ToInfo).ToList();
    }

    public async Task<Result<SharingGroupInfo>> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var found = await FindVisibleAsync(caller, id, cancellationToken);
        return found.IsSuccess ? ToInfo(found.Value!) : found.Error!;
    }

    public async Task<Result<SharingGroupInfo>> AddMemberAsync(Caller caller, Guid id, Guid organisationId, CancellationToken cancellationToken)
    {
        var found = await FindOwnedAsync(caller, id, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var group = found.Value!;
        if (!await db.Organisations.AnyAsync(o => o.Id == organisationId, cancellationToken))
        {
            return Rules.UnknownOrganisation("organisationId", organisationId);
        }

        if (group.Members.All(m => m.OrganisationId != organisationId))
        {
            group.Members.Add(new AudienceMember { AudienceId = group.Id, OrganisationId = organisationId });
            await db.SaveChangesAsync(cancellationToken);
            audiences.Invalidate([organisationId]);
        }

        return ToInfo(group);
    }

    public async Task<Result<SharingGroupInfo>> RemoveMemberAsync(Caller caller, Guid id, Guid organisationId, CancellationToken cancellationToken)
    {
        var found = await FindOwnedAsync(caller, id, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var group = found.Value!;
        if (organisationId == group.OwnerOrgId)
        {
            return Error.Validation("organisationId", "owner-must-remain-member", "The owner organisation cannot leave its own group.");
        }

        // Idempotent, like the DELETE that calls it: removing a non-member leaves the group as it is.
        if (group.Members.FirstOrDefault(m => m.OrganisationId == organisationId) is { } member)
        {
            group.Members.Remove(member);
            await db.SaveChangesAsync(cancellationToken);
            audiences.Invalidate([organisationId]);
        }

        return ToInfo(group);
    }

    /// <summary>
    /// Deletes the group. Records shared into it keep its audience id, which then has no members: they fall back to
    /// their owner only — never wider.
    /// </summary>
    public async Task<Result<SharingGroupInfo>> DeleteAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var found = await FindOwnedAsync(caller, id, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var group = found.Value!;
        db.Audiences.Remove(group);
        await db.SaveChangesAsync(cancellationToken);
        audiences.Invalidate(group.Members.Select(m => m.OrganisationId));
        return ToInfo(group);
    }

    private async Task<Result<Audience>> FindVisibleAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var group = await db.Audiences.Include(a => a.Members)
            .FirstOrDefaultAsync(a => a.Id == id && a.Kind == AudienceKind.SharingGroup, cancellationToken);
        var visible = group is not null
            && (caller.IsSystem || caller.IsNodeAdmin || group.Members.Any(m => m.OrganisationId == caller.OrganisationId));
        return visible ? group! : Error.NotFound("The sharing group");
    }

    private async Task<Result<Audience>> FindOwnedAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var found = await FindVisibleAsync(caller, id, cancellationToken);
        if (found.IsSuccess && !caller.IsSystem && !caller.Administers(found.Value!.OwnerOrgId))
        {
            return Error.Forbidden("Only the owner organisation's admins may change this sharing group.");
        }

        return found;
    }

    private static SharingGroupInfo ToInfo(Audience group) =>
        new(group.Id, group.Name ?? "", group.OwnerOrgId ?? Guid.Empty, group.Members.Select(m => m.OrganisationId).Order().ToList());
}
