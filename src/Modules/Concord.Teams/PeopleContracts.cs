using Concord.Access;
using Concord.Platform;

namespace Concord.Teams;

/// <summary>
/// Personal data that never leaves this node's members: federation (and anything else that relays to other nodes)
/// leaves out what carries this mark — a team's people and its escalation contacts. Read it as "strip before relaying".
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class NeverRelayedAttribute : Attribute;

/// <summary>Who to call when the team does not answer, in order (a function such as "Duty manager" or a person).</summary>
[NeverRelayed]
public sealed record EscalationContact(string Name, string? Role, string? Email, string? Phone);

/// <summary>An escalation contact as admins save it: a name (or function), and an e-mail address or a phone number.</summary>
public sealed record EscalationContactUpdate(string? Name, string? Role = null, string? Email = null, string? Phone = null);

/// <summary>
/// A checked OpenPGP public key: its v4 fingerprint (40 hex digits; <see cref="FingerprintGrouped"/> as gpg prints it),
/// when it was made and expires (null: never), its user ids and algorithm, and the armoured key exactly as it was given.
/// </summary>
public sealed record OpenPgpKey(
    string Fingerprint,
    string FingerprintGrouped,
    DateTimeOffset Created,
    DateTimeOffset? Expires,
    IReadOnlyList<string> UserIds,
    string Algorithm,
    string Armoured);

/// <summary>
/// One of a team's people. Personal data: shown only to signed-in members of the alliance, never relayed to other nodes,
/// exportable by the person (JSON) and erasable. The id is opaque: the audit trail names people by it and nothing else.
/// </summary>
[NeverRelayed]
public sealed record TeamPerson(Guid Id, Guid OrganisationId, string Name, string? Role, string? Email, string? Phone, OpenPgpKey? Key);

/// <summary>A person as admins (or the person) save them; the key is ASCII-armoured, checked as the team's keys are.</summary>
public sealed record PersonUpdate(string? Name, string? Role = null, string? Email = null, string? Phone = null, string? Key = null);

/// <summary>Everything the node holds about one person, as the person (or their team's admin) downloads it.</summary>
[NeverRelayed]
public sealed record PersonExport(string Format, DateTimeOffset Exported, string Team, TeamPerson Person, IReadOnlyList<EscalationContact> EscalationContacts, string Note);

/// <summary>
/// A team's people. An organisation's admins and the secretariat add and change them; a person is linked to the
/// account in the same organisation with the same e-mail address, and through it changes, exports and erases their own
/// entry (the organisation's admins may too). Reads are the directory's: signed-in members only.
/// </summary>
public interface ITeamPeople
{
    Task<Result<TeamPerson>> AddAsync(Principal editor, Guid organisationId, PersonUpdate person, CancellationToken cancellationToken);

    /// <param name="userId">The caller's account (<see cref="IAccessDirectory.UserIdOf"/>): a person may change their own entry.</param>
    Task<Result<TeamPerson>> UpdateAsync(Principal editor, Guid? userId, Guid organisationId, Guid personId, PersonUpdate person, CancellationToken cancellationToken);

    /// <summary>Removes the person everywhere the node holds them (the entry, their key, escalation contacts with their address); the audit keeps the opaque id.</summary>
    Task<Result<Guid>> EraseAsync(Principal editor, Guid? userId, Guid organisationId, Guid personId, CancellationToken cancellationToken);

    Task<Result<PersonExport>> ExportAsync(Principal reader, Guid? userId, Guid organisationId, Guid personId, CancellationToken cancellationToken);
}
