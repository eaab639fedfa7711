using Concord.Access.Authentication;
using Concord.Access.Data;
using Concord.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Concord.Access.Features.Admin;

/// <summary>The node acting on itself (CLI, demo, tests): the same services as the API, with the system caller.</summary>
internal sealed class AccessAdmin(
    OrganisationService organisations,
    UserService userService,
    ApiKeyService apiKeys,
    SharingGroupService groups,
    PeerNodeService peers,
    UserManager<AccessUser> users,
    AccessDbContext db,
    ILogger<AccessAdmin> logger) : IAccessAdmin
{
    public const string NodeAdminUserName = "admin";

    public async Task<Result<OrganisationInfo>> CreateOrganisationAsync(NewOrganisation organisation, CancellationToken cancellationToken)
    {
        var created = await organisations.CreateAsync(Caller.System, organisation, cancellationToken);
        return created.IsSuccess ? created.Value!.ToInfo() : created.Error!;
    }

    public async Task<Result<OrganisationInfo>> UpdateOrganisationAsync(Guid organisationId, OrganisationChanges changes, CancellationToken cancellationToken)
    {
        var updated = await organisations.UpdateAsync(Caller.System, organisationId, changes, cancellationToken);
        return updated.IsSuccess ? updated.Value!.ToInfo() : updated.Error!;
    }

    public Task<Result<OrganisationInfo>> EnsureFederatedOrganisationAsync(FederatedOrganisation organisation, CancellationToken cancellationToken) =>
        organisations.EnsureFederatedAsync(organisation, cancellationToken);

    public async Task<Result<CreatedUser>> CreateUserAsync(NewUser user, CancellationToken cancellationToken)
    {
        var created = await userService.CreateAsync(Caller.System, user, cancellationToken);
        if (!created.IsSuccess)
        {
            return created.Error!;
        }

        var (u, password) = created.Value;
        return new CreatedUser(u.Id, u.UserName!, u.OrganisationId, u.Role, password);
    }

    public async Task<Result<CreatedApiKey>> CreateApiKeyAsync(NewApiKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var user = await users.FindByNameAsync(key.UserName ?? "");
        if (user is null)
        {
            return Error.Validation("userName", "unknown-user", $"No user '{key.UserName}' exists on this node.");
        }

        var issued = await apiKeys.CreateAsync(Caller.System, user.Id, key.Name, key.Role, key.ExpiresAt, cancellationToken);
        if (!issued.IsSuccess)
        {
            return issued.Error!;
        }

        var k = issued.Value!.ApiKey;
        return new CreatedApiKey(k.Id, k.OrganisationId, k.Name, k.Prefix, k.Role, k.ExpiresAt, issued.Value.Key);
    }

    public Task<Result<SharingGroupInfo>> CreateSharingGroupAsync(NewSharingGroup group, CancellationToken cancellationToken) =>
        groups.CreateAsync(Caller.System, group, cancellationToken);

    public Task<Result<SharingGroupInfo>> AddGroupMemberAsync(Guid groupId, Guid organisationId, CancellationToken cancellationToken) =>
        groups.AddMemberAsync(Caller.System, groupId, organisationId, cancellationToken);

    public Task<Result<SharingGroupInfo>> RemoveGroupMemberAsync(Guid groupId, Guid organisationId, CancellationToken cancellationToken) =>
        groups.RemoveMemberAsync(Caller.System, groupId, organisationId, cancellationToken);

    public Task<Result<SharingGroupInfo>> RenameSharingGroupAsync(Guid groupId, string name, CancellationToken cancellationToken) =>
        groups.RenameAsync(Caller.System, groupId, name, cancellationToken);

    public Task<Result<SharingGroupInfo>> DeleteSharingGroupAsync(Guid groupId, CancellationToken cancellationToken) =>
        groups.DeleteAsync(Caller.System, groupId, cancellationToken);

    public async Task<Result<string>> ResetPasswordAsync(string userName, CancellationToken cancellationToken)
    {
        var user = await users.FindByNameAsync(userName ?? "");
        return user is null
            ? Error.Validation("userName", "unknown-user", $"No user '{userName}' exists on this node.")
            : await userService.ResetPasswordAsync(Caller.System, user.Id, cancellationToken);
    }

    public async Task<string?> EnsureNodeAdminAsync(Guid? organisationId, CancellationToken cancellationToken)
    {
        if (await HasAnyUserAsync(cancellationToken))
        {
            return null;
        }

        var created = await userService.CreateAsync(Caller.System, new NewUser(NodeAdminUserName, organisationId, Role.NodeAdmin), cancellationToken);
        if (!created.IsSuccess)
        {
            throw new InvalidOperationException($"Could not create the node admin: {created.Error!.Message}");
        }

        Log.NodeAdminCreated(logger, NodeAdminUserName);
        return created.Value.OneTimePassword;
    }

    public Task<bool> HasAnyUserAsync(CancellationToken cancellationToken) => db.Users.AnyAsync(cancellationToken);

    public Task<Result<CreatedPeerNode>> CreatePeerNodeAsync(string name, CancellationToken cancellationToken) =>
        peers.CreateAsync(Caller.System, name, cancellationToken);

    public async Task<IReadOnlyList<PeerNodeInfo>> ListPeerNodesAsync(CancellationToken cancellationToken) =>
        (await peers.ListAsync(Caller.System, cancellationToken)).Value!;

    public Task<Result<PeerNodeInfo>> RevokePeerNodeAsync(string nameOrId, CancellationToken cancellationToken) =>
        peers.RevokeAsync(Caller.System, nameOrId, cancellationToken);

    public async Task<Result<bool>> BindPeerNodeAsync(Guid peerNodeId, Guid homeNodeId, CancellationToken cancellationToken)
    {
        var changed = await db.PeerNodes.Where(p => p.Id == peerNodeId && p.HomeNodeId != homeNodeId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.HomeNodeId, homeNodeId), cancellationToken);
        return changed > 0 || await db.PeerNodes.AnyAsync(p => p.Id == peerNodeId, cancellationToken) ? changed > 0 : Error.NotFound("The peer node");
    }
}
