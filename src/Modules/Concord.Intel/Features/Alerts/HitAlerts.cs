using Concord.Access;
using Concord.Intel.Data;
using Concord.Intel.Features.Import;
using Concord.Platform;
using Microsoft.EntityFrameworkCore;
using Concord.Platform.Audit;

namespace Concord.Intel.Features.Alerts;

internal sealed class HitAlerts(IntelDbContext db, TimeProvider time, IAuditTrail audit) : IHitAlerts
{
    public const int MaxPageSize = 1000;

    public async Task<Result<AlertSettings>> GetSettingsAsync(Principal principal, CancellationToken cancellationToken)
    {
        if (OrganisationOf(principal) is not { } org)
        {
            return Error.Forbidden("Alerts belong to a member organisation.");
        }

        var setting = await db.AlertSettings.AsNoTracking().FirstOrDefaultAsync(s => s.OrganisationId == org, cancellationToken);
        return new AlertSettings(org, setting?.Enabled ?? false, setting is null ? null : StixTime.FromMicros(setting.UpdatedUs));
    }

    public Task<Result<AlertSettings>> SetSettingsAsync(Principal principal, bool enabled, CancellationToken cancellationToken) =>
        SetSettingsCoreAsync(principal, enabled, cancellationToken).AuditedAsync(audit, _ => new AuditEvent(enabled ? "hit-alerts.opt-in" : "hit-alerts.opt-out", "organisation", principal.OrganisationId?.ToString(), principal.OrganisationId), cancellationToken);

    private async Task<Result<AlertSettings>> SetSettingsCoreAsync(Principal principal, bool enabled, CancellationToken cancellationToken)
    {
        if (OrganisationOf(principal) is not { } org || !principal.HasRole(Role.OrgAdmin))
        {
            return Error.Forbidden("Changing the alert setting needs the organisation administrator role.");
        }

        var setting = await db.AlertSettings.FirstOrDefaultAsync(s => s.OrganisationId == org, cancellationToken);
        if (setting is null)
        {
            setting = new AlertSetting { OrganisationId = org };
            db.AlertSettings.Add(setting);
        }

        var now = StixTime.ToMicros(time.GetUtcNow());
        if (enabled && !setting.Enabled)
        {
            setting.EnabledSinceUs = now;
        }

        setting.Enabled = enabled;
        setting.UpdatedUs = now;
        setting.UpdatedBy = principal.Name;
        await db.SaveChangesAsync(cancellationToken);
        return new AlertSettings(org, enabled, StixTime.FromMicros(setting.UpdatedUs));
    }

    public async Task<Result<IReadOnlyList<HitAlertView>>> ListAsync(Principal principal, int limit, CancellationToken cancellationToken)
    {
        if (OrganisationOf(principal) is null)
        {
            return Error.Forbidden("Alerts belong to a member organisation.");
        }

        // The reporter's identity is not selected at all: what is not read cannot be shown.
        var alerts = await db.Alerts.AsNoTracking().Apply(principal)
            .OrderByDescending(a => a.ReportedUs).ThenBy(a => a.Id)
            .Take(Math.Clamp(limit, 1, MaxPageSize))
            .Select(a => new { a.Id, a.Kind, a.Value, a.ObjectId, a.ReportedUs })
            .ToListAsync(cancellationToken);
        return alerts.ConvertAll(a => new HitAlertView(a.Id, a.Kind, a.Value, a.ObjectId, StixTime.FromMicros(a.ReportedUs)));
    }

    public async Task<Result<HitAlertView>> FindAsync(Principal principal, Guid id, CancellationToken cancellationToken)
    {
        var alert = await db.Alerts.AsNoTracking().Apply(principal).Where(a => a.Id == id)
            .Select(a => new { a.Id, a.Kind, a.Value, a.ObjectId, a.ReportedUs })
            .FirstOrDefaultAsync(cancellationToken);
        return alert is null ? Error.NotFound("The alert") : new HitAlertView(alert.Id, alert.Kind, alert.Value, alert.ObjectId, StixTime.FromMicros(alert.ReportedUs));
    }

    private static Guid? OrganisationOf(Principal principal) =>
        principal.Kind == PrincipalKind.Member ? principal.OrganisationId : null;
}
