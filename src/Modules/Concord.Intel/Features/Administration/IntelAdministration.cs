using Concord.Access;
using Concord.Intel.Features.Correlation;
using Concord.Intel.Observables.Exclusions;
using Concord.Platform;
using Concord.Platform.Audit;

namespace Concord.Intel.Features.Administration;

/// <summary>
/// <see cref="IIntelAdministration"/>: the REST endpoints' services (<see cref="ExclusionService"/>,
/// <see cref="WarninglistService"/>) behind the node-admin check their endpoint groups make. Fails closed: anyone
/// who is not a member with the node-admin role is refused before any service is asked.
/// </summary>
internal sealed class IntelAdministration(ExclusionService exclusions, WarninglistService warninglists, NodeHealthReader health, IAuditTrail audit) : IIntelAdministration
{
    public async Task<Result<IReadOnlyList<ExclusionInfo>>> ListExclusionsAsync(Principal principal, CancellationToken cancellationToken)
    {
        if (Gate(principal) is { } denied)
        {
            return denied;
        }

        return (await exclusions.ListAsync(cancellationToken)).Select(ToInfo).ToList();
    }

    public Task<Result<ExclusionInfo>> AddExclusionAsync(Principal principal, ExclusionKind kind, string? value, string? comment, CancellationToken cancellationToken) =>
        AddExclusionCoreAsync(principal, kind, value, comment, cancellationToken).AuditedAsync(audit, e => new AuditEvent("correlation-exclusion.add", "correlation-exclusion", e.Id.ToString(), Detail: $"{kind}"), cancellationToken);

    private async Task<Result<ExclusionInfo>> AddExclusionCoreAsync(Principal principal, ExclusionKind kind, string? value, string? comment, CancellationToken cancellationToken)
    {
        if (Gate(principal) is { } denied)
        {
            return denied;
        }

        var added = await exclusions.AddAsync(kind, value, comment, principal.Name, cancellationToken);
        return added.IsSuccess ? ToInfo(added.Value!) : added.Error!;
    }

    public async Task<Result<Guid>> DeleteExclusionAsync(Principal principal, Guid id, CancellationToken cancellationToken) =>
        Gate(principal) is { } denied
            ? denied
            : await exclusions.DeleteAsync(id, cancellationToken).AuditedAsync(audit, _ => new AuditEvent("correlation-exclusion.delete", "correlation-exclusion", id.ToString()), cancellationToken);

    public Result<WarninglistsState> Warninglists(Principal principal)
    {
        if (Gate(principal) is { } denied)
        {
            return denied;
        }

        var current = warninglists.Current;
        return new WarninglistsState(warninglists.Configured, current.Lists.Select((list, i) => new WarninglistStatus(list, current.HitsOf(i))).ToList());
    }

    public Result<IReadOnlyList<WarninglistLoadProblem>> ReloadWarninglists(Principal principal)
    {
        if (Gate(principal) is { } denied)
        {
            return denied;
        }

        // As the REST reload: a problem names the list's folder, not the node's file-system layout.
        return warninglists.Reload().Select(p => new WarninglistLoadProblem(Path.GetFileName(Path.GetDirectoryName(p.Path)) ?? "", p.Message)).ToList();
    }

    public async Task<Result<NodeHealth>> HealthAsync(Principal principal, CancellationToken cancellationToken) =>
        Gate(principal) is { } denied ? denied : await health.ReadAsync(cancellationToken);

    private static Error? Gate(Principal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.HasRole(Role.NodeAdmin) ? null : new Error(ErrorKind.Forbidden, "insufficient-role", "Only node administrators may do this.");
    }

    private static ExclusionInfo ToInfo(ExclusionEntry e) => new(e.Id, e.Kind, e.Value, e.Comment, e.Created, e.CreatedBy);
}
