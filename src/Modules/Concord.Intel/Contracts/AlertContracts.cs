using Concord.Access;
using Concord.Platform;

namespace Concord.Intel;

/// <summary>An organisation's anonymous hit alert setting.</summary>
public sealed record AlertSettings(Guid OrganisationId, bool Enabled, DateTimeOffset? UpdatedAt);

/// <summary>
/// Another member reported a value that one of the organisation's own TLP:AMBER or AMBER+STRICT objects holds (never a
/// TLP:RED one).
/// Who reported it, and in which object, is never told.
/// </summary>
public sealed record HitAlertView(Guid Id, string Kind, string Value, string ObjectId, DateTimeOffset ReportedAt);

/// <summary>Anonymous hit alerts: opting in (organisation administrators) and reading them (the organisation's members).</summary>
public interface IHitAlerts
{
    Task<Result<AlertSettings>> GetSettingsAsync(Principal principal, CancellationToken cancellationToken);

    Task<Result<AlertSettings>> SetSettingsAsync(Principal principal, bool enabled, CancellationToken cancellationToken);

    /// <summary>The principal's organisation's alerts, newest first.</summary>
    Task<Result<IReadOnlyList<HitAlertView>>> ListAsync(Principal principal, int limit, CancellationToken cancellationToken);

    /// <summary>One alert the principal may read; not found otherwise (another organisation's alert does not exist for it).</summary>
    Task<Result<HitAlertView>> FindAsync(Principal principal, Guid id, CancellationToken cancellationToken);
}
