namespace Concord.Teams.Data;

/// <summary>A team profile; lists are stored one item per line (they are short and always read whole).</summary>
internal sealed class TeamRow
{
    public Guid OrganisationId { get; set; }

    public string Name { get; set; } = "";

    public string? ShortName { get; set; }

    public string Country { get; set; } = "";

    public int Type { get; set; }

    public string Sectors { get; set; } = "";

    public string Countries { get; set; } = "";

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? EmergencyPhone { get; set; }

    /// <summary>Bit <c>1 &lt;&lt; (int)DayOfWeek</c> per working day.</summary>
    public int BusinessDays { get; set; }

    /// <summary>Minutes after midnight, local time.</summary>
    public int OpensAt { get; set; }

    public int ClosesAt { get; set; }

    public string TimeZone { get; set; } = "UTC";

    /// <summary>Microseconds since the epoch; the newest across teams tells a process its "whose" index is stale.</summary>
    public long UpdatedUs { get; set; }
}

/// <summary>One constituency claim (network, domain or AS number) in canonical form.</summary>
internal sealed class ClaimRow
{
    public Guid OrganisationId { get; set; }

    /// <summary>The <see cref="Concord.Observables.ObservableKind"/>.</summary>
    public int Kind { get; set; }

    public string Value { get; set; } = "";
}
