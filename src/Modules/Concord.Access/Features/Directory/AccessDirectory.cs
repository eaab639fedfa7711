using System.Security.Cryptography;
using System.Text;
using Concord.Access.Authentication;
using Concord.Access.Data;
using Concord.Access.Features.Validation;
using Concord.Platform;
using Microsoft.EntityFrameworkCore;

namespace Concord.Access.Features.Directory;

internal sealed class AccessDirectory(AccessDbContext db, TimeProvider time) : IAccessDirectory
{
    public async Task<OrganisationInfo?> FindOrganisationAsync(Guid id, CancellationToken cancellationToken) =>
        (await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken))?.ToInfo();

    public async Task<IReadOnlyList<OrganisationInfo>> ListOrganisationsAsync(CancellationToken cancellationToken) =>
        (await db.Organisations.AsNoTracking().OrderBy(o => o.NormalizedName).ToListAsync(cancellationToken)).Select(o => o.ToInfo()).ToList();

    public async Task<Result<Guid>> ResolveRecipientsAsync(Guid ownerOrgId, IReadOnlyCollection<Guid> recipientOrgIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipientOrgIds);
        if (recipientOrgIds.Count == 0)
        {
            return Error.Validation("recipients", "required", "Scope 'recipients' needs at least one recipient organisation.");
        }

        var members = new SortedSet<Guid>(recipientOrgIds) { ownerOrgId };
        var known = await db.Organisations.Where(o => members.Contains(o.Id)).Select(o => o.Id).ToListAsync(cancellationToken);
        foreach (var id in members.Where(m => !known.Contains(m)))
        {
            return Rules.UnknownOrganisation(id == ownerOrgId ? "owner" : "recipients", id);
        }

        var key = MemberKey(members);
        if (await FindAsync(key, cancellationToken) is { } existing)
        {
            return existing;
        }

        var audience = new Audience
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            Kind = AudienceKind.Recipients,
            MemberKey = key,
            CreatedAt = time.GetUtcNow(),
            Members = members.Select(m => new AudienceMember { OrganisationId = m }).ToList(),
        };
        db.Audiences.Add(audience);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent request created the same set first; the unique member key makes it the one audience.
            db.ChangeTracker.Clear();
            return await FindAsync(key, cancellationToken) ?? throw new InvalidOperationException("Recipient audience vanished.");
        }

        return audience.Id;
    }

    public async Task<Result<Guid>> ResolveSharingGroupAsync(Guid ownerOrgId, Guid sharingGroupId, CancellationToken cancellationToken)
    {
        var isMember = await db.AudienceMembers.AnyAsync(
            m => m.AudienceId == sharingGroupId && m.OrganisationId == ownerOrgId
                && db.Audiences.Any(a => a.Id == sharingGroupId && a.Kind == AudienceKind.SharingGroup),
            cancellationToken);

        // One answer for "no such group" and "not a member": a group your organisation is not in is not yours to see.
        return isMember
            ? sharingGroupId
            : Error.Validation("sharingGroup", "unknown-sharing-group", "No sharing group with that id has your organisation as a member.");
    }

    public async Task<AudienceInfo?> FindAudienceAsync(Guid audienceId, CancellationToken cancellationToken)
    {
        var audience = await db.Audiences.AsNoTracking().Include(a => a.Members).FirstOrDefaultAsync(a => a.Id == audienceId, cancellationToken);
        return audience is null
            ? null
            : new AudienceInfo(audience.Id, audience.Kind == AudienceKind.SharingGroup, audience.Name, audience.Members.Select(m => m.OrganisationId).Order().ToList());
    }

    private async Task<Guid?> FindAsync(string key, CancellationToken cancellationToken) =>
        await db.Audiences.Where(a => a.MemberKey == key).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);

    private static string MemberKey(SortedSet<Guid> members) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(string.Join(',', members.Select(m => m.ToString("N"))))));

    public async Task<IReadOnlyList<MemberContact>> ListMembersAsync(Guid? organisationId, Role minimumRole, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking()
            .Where(u => u.OrganisationId == organisationId && !u.Disabled && u.Role >= minimumRole)
            .OrderBy(u => u.UserName)
            .Select(u => new MemberContact(u.Id, u.OrganisationId, u.Role, u.UserName!, u.Email))
            .ToListAsync(cancellationToken);

    public async Task<MemberContact?> FindMemberAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking()
            .Where(u => u.Id == userId && !u.Disabled)
            .Select(u => new MemberContact(u.Id, u.OrganisationId, u.Role, u.UserName!, u.Email))
            .FirstOrDefaultAsync(cancellationToken);

    public Guid? UserIdOf(System.Security.Claims.ClaimsPrincipal user)
    {
        var caller = Caller.From(user);
        return caller.IsSystem ? null : caller.UserId;
    }
}
