using Concord.Access.Authentication;
using Concord.Platform;

namespace Concord.Access.Features.Admin;

/// <summary>An administrative operation on organisations, users, API keys, sharing groups or peer nodes.</summary>
internal enum AdminOperation
{
    ListUsers, GetUser, CreateUser, UpdateUser, SetUserDisabled, ResetPassword,
    ListApiKeys, GetApiKey, CreateApiKey, RevokeApiKey,
    CreateOrganisation, UpdateOrganisation,
    ListSharingGroups, GetSharingGroup, CreateSharingGroup, RenameSharingGroup, DeleteSharingGroup, AddGroupMember, RemoveGroupMember,
    ListPeerNodes, CreatePeerNode, RevokePeerNode,
}

/// <summary>
/// The one place that says who may do what in administration. Each operation's least role is stated here once; the
/// services enforce it with <see cref="Check"/> for every caller — REST, the web UI (<see cref="IAccessManagement"/>),
/// the CLI and the demo (<see cref="IAccessAdmin"/>, as the node itself) — and the REST endpoints take their policy from
/// it (<see cref="Policy"/>), so an HTTP request is turned away before it reaches the service as well. What a role may
/// do within an operation (which organisation's users, which group) the services decide, as before.
/// </summary>
internal static class AdminRules
{
    public static Role Least(AdminOperation operation) => operation switch
    {
        AdminOperation.ListUsers or AdminOperation.GetUser or AdminOperation.CreateUser or AdminOperation.UpdateUser
            or AdminOperation.SetUserDisabled or AdminOperation.ResetPassword => Role.OrgAdmin,

        // Everyone manages their own keys (org admins their organisation's: ApiKeyService).
        AdminOperation.ListApiKeys or AdminOperation.GetApiKey or AdminOperation.CreateApiKey or AdminOperation.RevokeApiKey => Role.ReadOnly,
        AdminOperation.CreateOrganisation or AdminOperation.UpdateOrganisation => Role.Secretariat,

        // Members see the groups their organisation is in; the owner's admins change them (SharingGroupService).
        AdminOperation.ListSharingGroups or AdminOperation.GetSharingGroup => Role.ReadOnly,
        AdminOperation.CreateSharingGroup or AdminOperation.RenameSharingGroup or AdminOperation.DeleteSharingGroup
            or AdminOperation.AddGroupMember or AdminOperation.RemoveGroupMember => Role.OrgAdmin,
        AdminOperation.ListPeerNodes or AdminOperation.CreatePeerNode or AdminOperation.RevokePeerNode => Role.NodeAdmin,
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };

    /// <summary>The endpoint policy for <paramref name="operation"/>: the one that demands its least role.</summary>
    public static string Policy(AdminOperation operation) => Least(operation) switch
    {
        Role.ReadOnly => AccessPolicies.Member,
        Role.Analyst => AccessPolicies.Analyst,
        Role.OrgAdmin => AccessPolicies.OrgAdmin,
        Role.Secretariat => AccessPolicies.Secretariat,
        Role.NodeAdmin => AccessPolicies.NodeAdmin,
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };

    /// <summary>
    /// Null when <paramref name="caller"/> may perform <paramref name="operation"/>; otherwise why not. Fails closed: a
    /// caller who is not a signed-in member of this node (<see cref="Caller.Refusal"/>) or whose role is below the
    /// operation's is refused; the node itself (<see cref="Caller.System"/>) may do everything.
    /// </summary>
    public static Error? Check(Caller caller, AdminOperation operation)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.IsSystem)
        {
            return null;
        }

        return caller.Refusal ?? (caller.Role >= Least(operation)
            ? null
            : new Error(ErrorKind.Forbidden, "insufficient-role", "Your role does not allow this action."));
    }
}
