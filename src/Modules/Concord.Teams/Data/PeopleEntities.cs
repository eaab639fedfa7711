namespace Concord.Teams.Data;

/// <summary>One escalation contact of a team, in the order the team gave them.</summary>
internal sealed class ContactRow
{
    public Guid OrganisationId { get; set; }

    public int Position { get; set; }

    public string Name { get; set; } = "";

    public string? Role { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }
}

/// <summary>One of a team's people (personal data: members only, never relayed, erased on request).</summary>
internal sealed class PersonRow
{
    /// <summary>Opaque: the audit trail names a person by this id and nothing else.</summary>
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public string Name { get; set; } = "";

    public string? Role { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }
}

/// <summary>An OpenPGP public key of a team (<see cref="PersonId"/> null) or of one of its people: as given, and as parsed.</summary>
internal sealed class KeyRow
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public Guid? PersonId { get; set; }

    public int Position { get; set; }

    public string Fingerprint { get; set; } = "";

    public string Armoured { get; set; } = "";

    public long CreatedUs { get; set; }

    public long? ExpiresUs { get; set; }

    /// <summary>One per line.</summary>
    public string UserIds { get; set; } = "";

    public string Algorithm { get; set; } = "";
}
