using Concord.Access.Authentication;
using Concord.Access.Data;
using Concord.Access.Features.Validation;
using Concord.Platform;
using Concord.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Concord.Access.Features.Admin;

/// <summary>
/// Sharing groups: named sets of organisations with an owner organisation, which is always a member. Members see a
/// group; only the owner's org admins (and node admins) change it. A group the caller's organisation is not in
/// answers 404.
/// </summary>
/// <remarks>
/// Records carry the group's id, not its member list: <see cref="Visibility"/> compares that id with the reader's
/// audiences, which are read from the store for every request (nothing caches them: a change made by another process,
/// such as the command line, must count too). So adding or removing a member changes who reads the group's records
/// from the very next read, on every read path, without touching the records.
/// </remarks>
internal sealed class SharingGroupService(
    AccessDbContext db, IEnumerable<IAudienceReferences> references, TimeProvider time, ILogger<SharingGroupService> logger, IAuditTrail audit)
{
    public Task<Result<SharingGroupInfo>> CreateAsync(Caller caller, NewSharingGroup request, CancellationToken cancellationToken) =>
        CreateCoreAsync(caller, request, cancellationToken).AuditedAsync(audit, g => new AuditEvent("sharing-group.create", "sharing-group", g.Id.ToString(), g.OwnerOrgId), cancellationToken);

    private async Task<Result<SharingGroupInfo>> CreateCoreAsync(Caller caller, NewSharingGroup request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (AdminRules.Check(caller, AdminOperation.CreateSharingGroup) is { } denied)
        {
            return denied;
        }

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
        if (await NameTakenAsync(request.OwnerOrgId, name, null, cancellationToken))
        {
            return NameTaken(name);
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
        return ToInfo(group);
    }

    public async Task<Result<List<SharingGroupInfo>>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (AdminRules.Check(caller, AdminOperation.ListSharingGroups) is { } denied)
        {
            return denied;
        }

        var query = db.Audiences.AsNoTracking().Include(a => a.Members).Where(a => a.Kind == AudienceKind.SharingGroup);
        if (!caller.IsNodeAdmin && !caller.IsSystem)
        {
            query = query.Where(a => a.Members.Any(m => m.OrganisationId == caller.OrganisationId));
        }

        return (await query.OrderBy(a => a.Name).ToListAsync(cancellationToken)).Select(ToInfo).ToList();
    }

    public async Task<Result<SharingGroupInfo>> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        if (AdminRules.Check(caller, AdminOperation.GetSharingGroup) is { } denied)
        {
            return denied;
        }

        var found = await FindVisibleAsync(caller, id, cancellationToken);
        return found.IsSuccess ? ToInfo(found.Value!) : found.Error!;
    }

    public Task<Result<SharingGroupInfo>> AddMemberAsync(Caller caller, Guid id, Guid organisationId, CancellationToken cancellationToken) =>
        AddMemberCoreAsync(caller, id, organisationId, cancellationToken).AuditedAsync(audit, g => new AuditEvent("sharing-group.add-member", "sharing-group", g.Id.ToString(), g.OwnerOrgId, $"organisation {organisationId}"), cancellationToken);

    private async Task<Result<SharingGroupInfo>> AddMemberCoreAsync(Caller caller, Guid id, Guid organisationId, CancellationToken cancellationToken)
    {
        if (AdminRules.Check(caller, AdminOperation.AddGroupMember) is { } denied)
        {
            return denied;
        }

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
        }

        return ToInfo(group);
    }

    /// <summary>Renames the group; names are unique among the groups of one owner, regardless of case.</summary>
    public Task<Result<SharingGroupInfo>> RenameAsync(Caller caller, Guid id, string? name, CancellationToken cancellationToken) =>
        RenameCoreAsync(caller, id, name, cancellationToken).AuditedAsync(audit, g => new AuditEvent("sharing-group.rename", "sharing-group", g.Id.ToString(), g.OwnerOrgId), cancellationToken);

    private async Task<Result<SharingGroupInfo>> RenameCoreAsync(Caller caller, Guid id, string? name, CancellationToken cancellationToken)
    {
        if (AdminRules.Check(caller, AdminOperation.RenameSharingGroup) is { } denied)
        {
            return denied;
        }

        var found = await FindOwnedAsync(caller, id, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        if (Rules.Text(name, "name", 200, min: 2) is { } invalid)
        {
            return invalid;
        }

        var group = found.Value!;
        var trimmed = name!.Trim();
        if (await NameTakenAsync(group.OwnerOrgId, trimmed, group.Id, cancellationToken))
        {
            return NameTaken(trimmed);
        }

        group.Name = trimmed;
        await db.SaveChangesAsync(cancellationToken);
        Log.AdminAction(logger, "renamed sharing group", group.Id.ToString(), caller.Describe());
        return ToInfo(group);
    }

    /// <summary>
    /// Removes a member organisation. From the next read on, it no longer reads what others shared into the group; what
    /// it shared there itself stays with the group's members (it shared it with them) and stays readable by it as owner.
    /// </summary>
    public Task<Result<SharingGroupInfo>> RemoveMemberAsync(Caller caller, Guid id, Guid organisationId, CancellationToken cancellationToken) =>
        RemoveMemberCoreAsync(caller, id, organisationId, cancellationToken).AuditedAsync(audit, g => new AuditEvent("sharing-group.remove-member", "sharing-group", g.Id.ToString(), g.OwnerOrgId, $"organisation {organisationId}"), cancellationToken);

    private async Task<Result<SharingGroupInfo>> RemoveMemberCoreAsync(Caller caller, Guid id, Guid organisationId, CancellationToken cancellationToken)
    {
        if (AdminRules.Check(caller, AdminOperation.RemoveGroupMember) is { } denied)
        {
            return denied;
        }

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
        }

        return ToInfo(group);
    }

    /// <summary>
    /// Deletes a group that nothing names any more (<see cref="IAudienceReferences"/>); while records are still shared
    /// into it the answer is a conflict, and emptying the group (removing its other members) is the way to stop sharing.
    /// </summary>
    /// <remarks>
    /// A record written into the group between the check and the delete keeps the deleted id, which matches no reader's
    /// audiences: it narrows to its owner, never wider. The write path itself refuses a group that no longer exists.
    /// </remarks>
    public Task<Result<SharingGroupInfo>> DeleteAsync(Caller caller, Guid id, CancellationToken cancellationToken) =>
        DeleteCoreAsync(caller, id, cancellationToken).AuditedAsync(audit, g => new AuditEvent("sharing-group.delete", "sharing-group", g.Id.ToString(), g.OwnerOrgId), cancellationToken);

    private async Task<Result<SharingGroupInfo>> DeleteCoreAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        if (AdminRules.Check(caller, AdminOperation.DeleteSharingGroup) is { } denied)
        {
            return denied;
        }

        var found = await FindOwnedAsync(caller, id, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var group = found.Value!;
        var uses = new List<string>();
        foreach (var reference in references)
        {
            uses.AddRange(await reference.FindAsync(group.Id, cancellationToken));
        }

        if (uses.Count > 0)
        {
            return Error.Conflict("sharing-group-in-use",
                $"The sharing group '{group.Name}' cannot be deleted: {string.Join(" and ", uses.Distinct())} still name it, and would lose their audience. "
                + "Remove its other members to stop sharing with them, or delete or re-share those records first.");
        }

        db.Audiences.Remove(group);
        await db.SaveChangesAsync(cancellationToken);
        Log.AdminAction(logger, "deleted sharing group", group.Id.ToString(), caller.Describe());
        return ToInfo(group);
    }

    private async Task<bool> NameTakenAsync(Guid? ownerOrgId, string name, Guid? except, CancellationToken cancellationToken)
    {
        var names = await db.Audiences.Where(a => a.Kind == AudienceKind.SharingGroup && a.OwnerOrgId == ownerOrgId && a.Id != except)
            .Select(a => a.Name).ToListAsync(cancellationToken);
        return names.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
    }

    private static Error NameTaken(string name) =>
        Error.Conflict("group-name-taken", $"The owner organisation already has a sharing group named '{name}'.", "name");

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
