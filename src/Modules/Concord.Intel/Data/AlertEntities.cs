using Concord.Access;
using Concord.Stix;

namespace Concord.Intel.Data;

/// <summary>An organisation's choice to be told, anonymously, when another member reports a value of its TLP:AMBER (or AMBER+STRICT) objects.</summary>
internal sealed class AlertSetting
{
    public Guid OrganisationId { get; set; }

    public bool Enabled { get; set; }

    /// <summary>Values reported after this time alert; earlier reports never do, however late they are examined.</summary>
    public long EnabledSinceUs { get; set; }

    public long UpdatedUs { get; set; }

    public string? UpdatedBy { get; set; }
}

/// <summary>
/// One anonymous hit alert, addressed to the owner of the matched object. It is a shareable record readable by that
/// organisation only (TLP:RED, scope owner), so every read goes through <see cref="Visibility"/>. The reporting
/// organisation is kept only to send one alert per reporter and value, and never leaves the node.
/// </summary>
internal sealed class HitAlert : IShareable
{
    public Guid Id { get; set; }

    public Guid OwnerOrgId { get; set; }

    /// <summary>The owner's own object that holds the value.</summary>
    public required string ObjectId { get; set; }

    public required string Kind { get; set; }

    public required string Value { get; set; }

    /// <summary>The value's index key (<see cref="Features.Correlation.ObservableKey"/>): short, for the once-only rule.</summary>
    public required byte[] Key { get; set; }

    /// <summary>When the other member's object was added.</summary>
    public long ReportedUs { get; set; }

    public Guid ReporterOrgId { get; set; }

    public Tlp Tlp { get; set; } = Tlp.Red;

    public Scope Scope { get; set; } = Scope.Owner;

    public Guid? AudienceId { get; set; }
}
