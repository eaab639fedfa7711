using Concord.Access;
using Concord.Platform;
using Concord.Platform.Audit;
using Concord.Teams.Data;
using Microsoft.EntityFrameworkCore;

namespace Concord.Teams.Features.Routing;

/// <summary>
/// A team's routing choices. Its own members read them (and the secretariat); its admins (and the secretariat) change
/// them. The kinds are those the sources route, so a choice names only what exists.
/// </summary>
internal sealed class RoutingSettingsService(TeamsDbContext db, IEnumerable<IConstituencySource> sources, IAccessDirectory access, IAuditTrail audit) : IConstituencyRouting
{
    public async Task<Result<RoutingSettings>> GetAsync(Principal reader, Guid organisationId, CancellationToken cancellationToken)
    {
        if (await RefuseAsync(reader, organisationId, Role.ReadOnly, cancellationToken) is { } refused)
        {
            return refused;
        }

        var optedOut = await db.RoutingOptOuts.AsNoTracking().Where(o => o.OrganisationId == organisationId).Select(o => o.Kind).ToListAsync(cancellationToken);
        return new RoutingSettings(organisationId, [.. Kinds().Select(k => new RoutingKindSetting(k.Name, k.Title, !optedOut.Contains(k.Name)))]);
    }

    public async Task<Result<RoutingSettings>> SetAsync(Principal editor, Guid organisationId, RoutingSettingsUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (await RefuseAsync(editor, organisationId, Role.OrgAdmin, cancellationToken) is { } refused)
        {
            return refused;
        }

        var kinds = Kinds().Select(k => k.Name).ToList();
        var optOut = (update.OptOut ?? []).Select(k => k?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
        if (optOut.FirstOrDefault(k => !kinds.Contains(k)) is { } unknown)
        {
            return Error.Validation("optOut", "routing-kind", $"'{unknown}' is not a routing kind; one of: {string.Join(", ", kinds)}.");
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.RoutingOptOuts.Where(o => o.OrganisationId == organisationId).ExecuteDeleteAsync(cancellationToken);
            db.RoutingOptOuts.AddRange(optOut.Select(k => new RoutingOptOutRow { OrganisationId = organisationId, Kind = k }));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        db.ChangeTracker.Clear();
        await audit.RecordAsync(new AuditEvent("team.routing", "team", organisationId.ToString(), organisationId, $"opt-out: {(optOut.Count == 0 ? "none" : string.Join(",", optOut))}"), cancellationToken);
        return await GetAsync(editor, organisationId, cancellationToken);
    }

    private IEnumerable<RoutingKind> Kinds() => sources.SelectMany(s => s.Kinds).DistinctBy(k => k.Name);

    /// <summary>A team's own members (editing: its admins) and the secretariat; another member is refused, an unknown team not found.</summary>
    private async Task<Error?> RefuseAsync(Principal principal, Guid organisationId, Role least, CancellationToken cancellationToken)
    {
        if (principal.Kind != PrincipalKind.Member || principal.OrganisationId is null)
        {
            return Error.Forbidden("Routing settings are for signed-in members of the alliance.");
        }

        if (await access.FindOrganisationAsync(organisationId, cancellationToken) is null)
        {
            return Error.NotFound("The team");
        }

        return principal.HasRole(Role.Secretariat) || (principal.HasRole(least) && principal.OrganisationId == organisationId)
            ? null
            : Error.Forbidden(least == Role.OrgAdmin
                ? "Only the organisation's admins and the secretariat change a team's routing."
                : "Only the organisation's members and the secretariat see a team's routing.");
    }
}
